import type { BrowserContext } from '@playwright/test'
import { TIMING_MARKS as MARKS } from '../../../src/shared/timing-marks'
import { declareBenchIncident, openAppSession, type AppSession } from '../app-session'
import { serveBareLive, serveBareXterm, type BareLiveSite, type StaticSite } from '../browser'
import type { Benchmark } from '../harness'
import { summarize } from '../stats'

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

  /** Where the app's cold start goes, per round: ms from navigation to each stage. */
  const stages = new Map<string, number[]>()
  const STAGES = [
    ['token redirect and page fetched', 'responseEnd'],
    ['start-up script loaded (DOMContentLoaded)', 'domContentLoadedEventEnd'],
    ['first shell output parsed', MARKS.livePrompt],
    ['app bundle loaded', MARKS.appLoaded],
    ['record load started', MARKS.recordLoadStart],
    ['record loaded from IndexedDB (workspace complete)', MARKS.recordLoaded],
  ] as const

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
    const ms = (await handle.jsonValue()) as number
    if (mark !== MARKS.bareLivePrompt) {
      // The shell shows first; the stages after it run until the workspace is complete.
      await page.waitForFunction(
        (name) => performance.getEntriesByName(name).length,
        MARKS.recordLoaded,
        { timeout: 15_000 },
      )
      const at = await page.evaluate((names) => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
        return names.map(([, name]) =>
          name in nav
            ? (nav[name as keyof PerformanceNavigationTiming] as number)
            : (performance.getEntriesByName(name)[0]?.startTime ?? NaN),
        )
      }, STAGES)
      STAGES.forEach(([label], i) => stages.set(label, [...(stages.get(label) ?? []), at[i]!]))
    }
    return ms
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
        return timeToMark(bareLive.url('bench-cold-start'), MARKS.bareLivePrompt)
      }
      if (variant === 'bare xterm, no host') return timeToMark(bareStatic.url, MARKS.bareLivePrompt)
      return timeToMark(session.url, MARKS.livePrompt)
    },
    extraNotes: () => [
      'War Room, median ms from navigation: ' +
        STAGES.map(
          ([label]) => `${label} ${Math.round(summarize(stages.get(label) ?? []).median)}`,
        ).join('; '),
    ],
    async teardown() {
      await session?.close()
      await bareLive?.close()
      await bareStatic?.close()
    },
  }
}
