import type { BrowserContext } from '@playwright/test'
import { declareBenchIncident, openAppSession, type AppSession } from '../app-session'
import { serveBareLive, serveBareXterm, type BareLiveSite, type StaticSite } from '../browser'
import type { Benchmark } from '../harness'

/**
 * Browser shell cold start: from navigation to the token URL (HTTP cache and cookies
 * cleared, so every file and the token redirect are fetched again) until the first shell
 * output is parsed by xterm, resuming the open incident from IndexedDB. Baseline: a bare
 * page holding only xterm, connected to a shell through the same browser shell. For
 * reference, the same bare page writing a prompt itself, with no host at all.
 */
export function coldStartBenchmark(): Benchmark {
  let session: AppSession
  let context: BrowserContext
  let bareLive: BareLiveSite
  let bareStatic: StaticSite

  const timeToMark = async (url: string, mark: string): Promise<number> => {
    for (const open of context.pages()) await open.close()
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.clearBrowserCache')
    await cdp.send('Network.clearBrowserCookies')
    await page.goto(url)
    const handle = await page.waitForFunction(
      (name) => performance.getEntriesByName(name)[0]?.startTime,
      mark,
      { timeout: 15_000 },
    )
    return (await handle.jsonValue()) as number
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
      session = await openAppSession()
      await declareBenchIncident(session.page, 'Cold start benchmark')
      context = session.context
      // Both pages are served by the same in-process core, so only the page differs.
      bareLive = await serveBareLive(session.host)
      bareStatic = await serveBareXterm()
    },
    measure: (variant) => {
      if (variant === 'bare xterm + host') {
        return timeToMark(bareLive.url('bench-cold-start'), 'bare:live-prompt')
      }
      if (variant === 'bare xterm, no host') return timeToMark(bareStatic.url, 'bare:live-prompt')
      return timeToMark(session.url, 'warroom:live-prompt')
    },
    async teardown() {
      await session?.close()
      await bareLive?.close()
      await bareStatic?.close()
    },
  }
}
