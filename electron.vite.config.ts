import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // Electron shell: BrowserWindow + IPC bridge.
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          // Browser shell: the same core over HTTP + WebSocket on 127.0.0.1.
          server: resolve(__dirname, 'src/main/server/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: bundle everything but electron.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      // Minified: the renderer's critical-path JS has a size budget (npm run bench).
      minify: true,
      // One chunk on the critical path by design; its gzipped size is what the bench budgets.
      chunkSizeWarningLimit: 1_000,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
