import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    // Real ptys and real sockets: keep the 2-core machine from oversubscribing.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
})
