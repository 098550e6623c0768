import { resolve } from 'node:path'
import type { Browser } from '@playwright/test'
import { createHost, type Host } from '../../../src/main/core/host'
import { startBrowserShell, type BrowserShell } from '../../../src/main/server/browser-shell'
import { hermeticShellEnv } from '../../support/hermetic-env'
import { buildFixturePage, launchBenchBrowser, serveBareXterm, type StaticSite } from '../browser'
import type { Benchmark } from '../harness'

const rendererDir = resolve(__dirname, '../../../out/renderer')

/**
 * Browser shell cold start: from navigation to the token URL (fresh browser context: no
 * HTTP cache, no cookie) until the first shell output is parsed by xterm. Baseline: a bare
 * page holding only xterm, connected to a shell through the same browser shell. For
 * reference, the same bare page writing a prompt itself, with no host at all.
 */
export function coldStartBenchmark(): Benchmark {
  let browser: Browser
  let host: Host
  let app: BrowserShell
  let bareLive: BrowserShell
  let bareStatic: StaticSite

  const timeToMark = async (url: string, mark: string): Promise<number> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    try {
      const page = await context.newPage()
      await page.goto(url)
      const handle = await page.waitForFunction(
        (name) => performance.getEntriesByName(name)[0]?.startTime,
        mark,
        { timeout: 15_000 },
      )
      return (await handle.jsonValue()) as number
    } finally {
      await context.close()
    }
  }

  return {
    name: 'cold-start',
    description: 'browser shell cold start to a live prompt',
    metric: {
      name: 'navigation → first shell output parsed',
      unit: 'ms',
      better: 'lower',
      target: { median: 800, ratioToBaseline: 1.5 },
    },
    variants: ['bare xterm + host', 'bare xterm, no host', 'War Room browser shell'],
    async setup() {
      browser = await launchBenchBrowser()
      // Both pages are served by the same in-process core, so only the page differs.
      host = createHost({ shellKind: 'browser', version: 'bench', env: hermeticShellEnv() })
      app = await startBrowserShell({ host, port: 0, rendererDir })
      bareLive = await startBrowserShell({
        host,
        port: 0,
        rendererDir: await buildFixturePage('bare-xterm-live'),
      })
      bareStatic = await serveBareXterm()
    },
    measure: (variant) => {
      if (variant === 'bare xterm + host') return timeToMark(bareLive.url, 'bare:live-prompt')
      if (variant === 'bare xterm, no host') return timeToMark(bareStatic.url, 'bare:live-prompt')
      return timeToMark(app.url, 'warroom:live-prompt')
    },
    async teardown() {
      await browser?.close()
      host?.dispose()
      await app?.close()
      await bareLive?.close()
      await bareStatic?.close()
    },
  }
}
