import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext } from '@playwright/test'
import sirv from 'sirv'
import { build } from 'vite'
import type { Host } from '../../src/main/core/host'
import { startBrowserShell } from '../../src/main/server/browser-shell'
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium'

/** Timers and rendering of a background tab must not be throttled while measuring. */
export const BENCH_ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
]

export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: BENCH_ARGS, headless: true })
}

/** A persistent profile: IndexedDB on disk, as a user has it (in-memory hides its cost). */
export function launchPersistentBench(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: requireChromium(),
    args: BENCH_ARGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
  })
}

export interface StaticSite {
  url: string
  dir: string
  close(): Promise<void>
}

/** Production build of a baseline page in test/bench/fixtures/NAME. */
export async function buildFixturePage(name: 'bare-xterm' | 'bare-xterm-live'): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `warroom-${name}-`))
  await build({
    configFile: false,
    root: resolve(__dirname, 'fixtures', name),
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
    },
  })
  return outDir
}

/** Builds the bare-xterm baseline page (no host) and serves it on loopback. */
export async function serveBareXterm(): Promise<StaticSite> {
  const outDir = await buildFixturePage('bare-xterm')
  const serve = sirv(outDir)
  const server: Server = createServer((req, res) => serve(req, res))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    dir: outDir,
    close: () => new Promise((done) => server.close(() => done())),
  }
}

export interface BareLiveSite {
  /** The token URL of the bare page showing `incidentId`'s shell (one shell per incident). */
  url(incidentId: string): string
  close(): Promise<void>
}

/**
 * Serves the bare-xterm-live page from `host` through a browser shell of its own: the same
 * in-process core as the app's, so only the page differs.
 */
export async function serveBareLive(host: Host): Promise<BareLiveSite> {
  const shell = await startBrowserShell({
    host,
    port: 0,
    rendererDir: await buildFixturePage('bare-xterm-live'),
  })
  const url = shell.url
  if (!url) throw new Error('the browser shell gave no leader URL')
  return {
    url: (incidentId) => `${url}&incident=${encodeURIComponent(incidentId)}`,
    close: () => shell.close(),
  }
}
