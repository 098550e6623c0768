import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as nodePty from 'node-pty'
import type { Page } from '@playwright/test'
import { openAppSession, type AppSession } from '../app-session'
import { serveBareLive, serveBareXterm, type BareLiveSite, type StaticSite } from '../browser'
import { launchDetachableBrowser, type DetachableBrowser } from '../detached-browser'
import { beforeRewriteVariants, loadBeforeRewrite, type BeforeRewrite } from '../before-rewrite'
import { FLOOD_SENTINEL, writeFlood, type Flood } from '../flood'
import {
  APP_ROWS,
  guardedBenchApp,
  paintedAfterStart,
  proposeAllowListed,
  runAndWait,
  shellAtPrompt,
} from '../guarded-app'
import type { Benchmark } from '../harness'
import { createCpuLog, withCpu } from '../process-cpu'
import { summarize } from '../stats'
import { TIMING_MARKS as MARKS } from '../../../src/shared/timing-marks'

const DIRECT = 'bare xterm fed directly'
const RAW = 'raw node-pty read (reference)'
const LIVE = 'bare xterm + host (reference)'
const APP = 'War Room terminal'
/** The same page with the pointer resting on it (see Press in guarded-app.ts). */
const pointed = (variant: string) => `${variant}, pointer on the page`
const isPointed = (variant: string) => variant.endsWith(', pointer on the page')
const unpointed = (variant: string) => variant.replace(', pointer on the page', '')

function rawPtyRead(path: string): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now()
    const pty = nodePty.spawn('cat', [path], { cols: 120, rows: 40, encoding: null })
    pty.onData(() => {})
    pty.onExit(() => resolve(performance.now() - started))
  })
}

/**
 * Runs in the bare page with no host: feeds the flood (fetched at set-up) to xterm, ms
 * until the sentinel is painted.
 */
function feedDirect({ sentinel }: { sentinel: string }) {
  return new Promise<number>((resolve) => {
    const w = window as unknown as { flood: string; feed(d: string): Promise<void> }
    const rows = document.querySelector('.xterm-rows')!
    w.feed('\u001bc') // reset: the last round's sentinel is off screen
    const started = performance.now()
    const observer = new MutationObserver(() => {
      if (!rows.textContent?.includes(sentinel)) return
      observer.disconnect()
      setTimeout(() => resolve(performance.now() - started), 0)
    })
    observer.observe(rows, { childList: true, subtree: true, characterData: true })
    // xterm discards writes beyond 50 MB queued: keep a window of 1 MB in flight.
    const chunks: string[] = []
    for (let at = 0; at < w.flood.length; at += 65_536) {
      chunks.push(w.flood.slice(at, at + 65_536))
    }
    let next = 0
    const pump = () => {
      if (next < chunks.length) void w.feed(chunks[next++]!).then(pump)
    }
    for (let i = 0; i < 16; i++) pump()
  })
}

const checkIntact = (variant: string, before: string, flood: Flood) => {
  if (!before.endsWith(flood.lastLine)) {
    throw new Error(`${variant}: bytes lost: the rows before the sentinel were "${before}"`)
  }
}

/**
 * Terminal throughput: a 50 MB `cat` through pty → output filter → gate → batcher → fan-out
 * → binary WebSocket frames → xterm until the last line is parsed and painted; the same
 * through a bare xterm page on the same host path; a bare page feeding xterm the same bytes
 * directly; node-pty's own read speed. Counts flow-control pauses per MB and the CPU time
 * each process spends per MB. Every page is measured twice: with no pointer on it (the
 * target's variants), and with the pointer resting on it (see Press in guarded-app.ts). With WARROOM_BENCH_BEFORE=<a built checkout of the code before
 * the host rewrite>, that code's app and bare page run in the same rounds for comparison.
 *
 * "Painted": xterm writes its rows to the DOM inside an animation frame, so the mutation
 * that shows the sentinel runs in the frame that paints it, and a task queued from there
 * runs once that frame's rendering is done. (Waiting for the *next* animation frame, as
 * this once did, measured when headless Chromium next had a reason to draw: up to a
 * second later on a page with nothing else changing.)
 */
export function terminalThroughputBenchmark(): Benchmark {
  let session: AppSession
  let bare: StaticSite
  let browser: DetachableBrowser
  let live: BareLiveSite
  /** The app's page by its address (with the trailing slash: ports share their first digits). */
  let appAt = ''
  /** The bare pages by address, without and with the pointer on them. */
  const at = new Map<string, string>()
  const speeds = new Map<string, number[]>()
  let before: BeforeRewrite | null = null
  let file = ''
  let flood: Flood = { lastLine: '', bytes: 0 }
  let pauses = 0
  let appRuns = 0
  const cpu = createCpuLog()
  const mb = () => flood.bytes / (1024 * 1024)

  const timed = async (variant: string, run: () => Promise<number>): Promise<number> => {
    const { value: ms, cpu: spent } = await withCpu(run)
    cpu.add(variant, spent, mb())
    const speed = mb() / (ms / 1000)
    speeds.set(variant, [...(speeds.get(variant) ?? []), speed])
    return speed
  }
  /** Median of the measured rounds (the first, a warm-up, left out as the harness does). */
  const median = (variant: string) => summarize(speeds.get(variant)?.slice(1) ?? [NaN]).median

  /** A page the pointer rests on from now on, over its terminal (pages never forget it). */
  const pointAt = async (page: Page, terminal: string) => {
    const box = await page.locator(terminal).boundingBox()
    if (!box) throw new Error(`nothing at ${terminal} to point at`)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  }

  /**
   * The app in a page of its own for one round: opened on the incident (it resumes it and
   * takes its shell over), `clear` run and the `cat` proposed by keyboard, then, for the
   * pointer variant, the pointer on Run, where the leader's click would leave it.
   */
  const appRound = async (variant: string): Promise<number> => {
    const page = await browser.context.newPage()
    await page.goto(session.url)
    await shellAtPrompt(page)
    await runAndWait(page, 'clear', 'keyboard')
    await proposeAllowListed(page, `cat ${file}`, 'keyboard')
    if (isPointed(variant)) {
      await page
        .getByRole('list', { name: 'Pending commands' })
        .getByRole('button', { name: 'Run' })
        .hover()
    }
    const pausesBefore = session.host.flowPauses
    const speed = await browser.withoutPlaywright((evaluate) =>
      timed(variant, async () => {
        const result = await evaluate(appAt, paintedAfterStart, {
          rows: APP_ROWS,
          sentinel: FLOOD_SENTINEL,
          start: { click: 'run' },
        })
        checkIntact(variant, result.before, flood)
        return result.ms
      }),
    )
    const after = browser.page(appAt)
    await after
      .getByRole('list', { name: 'Pending commands' })
      .getByRole('article')
      .waitFor({ state: 'detached' })
    await shellAtPrompt(after)
    await after.close()
    pauses += session.host.flowPauses - pausesBefore
    appRuns++
    return speed
  }

  return {
    name: 'terminal-throughput',
    description: `${Math.round(mb()) || 50} MB cat through the guarded terminal until painted`,
    metric: {
      name: 'throughput',
      unit: 'MB/s',
      better: 'higher',
      target: { median: 15, ratioToBaseline: 0.5, variant: APP },
    },
    variants: [
      DIRECT,
      RAW,
      LIVE,
      APP,
      pointed(DIRECT),
      pointed(LIVE),
      pointed(APP),
      ...beforeRewriteVariants([LIVE, APP]),
    ],
    rounds: 7,
    async setup() {
      file = join(mkdtempSync(join(tmpdir(), 'warroom-flood-')), 'flood.log')
      flood = await writeFlood(file)
      // One browser for every page (the bare ones and each round's app page), measured with
      // Playwright disconnected.
      browser = await launchDetachableBrowser()
      session = await openAppSession({ inContext: browser.context })
      appAt = `${new URL(session.url).origin}/`
      await guardedBenchApp(session.page, 'Throughput benchmark', ['cat', 'clear'])
      // The set-up's clicks leave the pointer on this page: each round has a page of its own.
      await session.page.close()
      bare = await serveBareXterm()
      // The same bytes as the pty gives xterm (the tty turns \n into \r\n).
      const body = readFileSync(file, 'utf8').replace(/\n/g, '\r\n')
      // The same path as the app (pty → gate → WebSocket → xterm), without the app.
      live = await serveBareLive(session.host)
      for (const variant of [DIRECT, pointed(DIRECT), LIVE, pointed(LIVE)]) {
        const page = await browser.context.newPage()
        if (unpointed(variant) === DIRECT) {
          // Told apart by a query the page ignores (the measuring call finds a page by address).
          const url = `${bare.url}?pointer=${isPointed(variant) ? 'yes' : 'no'}`
          await page.route('**/flood.txt', (route) =>
            route.fulfill({ body, contentType: 'text/plain; charset=utf-8' }),
          )
          await page.goto(url)
          await page.evaluate(async () => {
            const response = await fetch('/flood.txt')
            if (!response.ok) throw new Error(`flood.txt: HTTP ${response.status}`)
            ;(window as unknown as { flood: string }).flood = await response.text()
          })
        } else {
          // A shell of its own each (the incident in the address).
          const url = live.url(`bench-throughput-${isPointed(variant) ? 'pointer' : 'plain'}`)
          await page.goto(url)
          await page.waitForFunction(
            (name) => performance.getEntriesByName(name).length,
            MARKS.bareLivePrompt,
          )
        }
        // Where it ended up (the host's token is swapped for a cookie on the way).
        at.set(variant, page.url())
        if (isPointed(variant)) await pointAt(page, '.xterm-screen')
      }
      before = await loadBeforeRewrite('terminal-throughput.ts', 'terminalThroughputBenchmark')
    },
    async measure(variant) {
      if (variant === RAW) return timed(variant, () => rawPtyRead(file))
      if (before?.variants.includes(variant)) {
        // Its own 50 MB flood, its own MB/s: as ms for the same MB, so CPU per MB compares.
        return timed(variant, async () => (mb() / (await before!.measure(variant))) * 1000)
      }
      if (unpointed(variant) === APP) return appRound(variant)
      const pageAt = at.get(variant)!
      if (unpointed(variant) === DIRECT) {
        return browser.withoutPlaywright((evaluate) =>
          timed(variant, () => evaluate(pageAt, feedDirect, { sentinel: FLOOD_SENTINEL })),
        )
      }
      await browser.page(pageAt).evaluate(async () => {
        const w = window as unknown as { runCommand(text: string): Promise<void> }
        await w.runCommand('clear')
        await new Promise((resolve) => setTimeout(resolve, 200))
      })
      return browser.withoutPlaywright((evaluate) =>
        timed(variant, async () => {
          const result = await evaluate(pageAt, paintedAfterStart, {
            rows: '.xterm-rows',
            sentinel: FLOOD_SENTINEL,
            start: { runCommand: `cat ${file}` },
          })
          checkIntact(variant, result.before, flood)
          return result.ms
        }),
      )
    },
    extraNotes: () => [
      `with the pointer on every page: War Room ${median(pointed(APP)).toFixed(1)} MB/s, ` +
        `${(median(pointed(APP)) / median(pointed(DIRECT))).toFixed(2)}× the bare page fed ` +
        `directly (${median(pointed(DIRECT)).toFixed(1)}), the bare page on the host ` +
        `${(median(pointed(LIVE)) / median(pointed(DIRECT))).toFixed(2)}×`,
      `flow-control pauses: ${(pauses / appRuns / mb()).toFixed(2)} per MB`,
      'last line checked intact every round, app and bare page on the host (zero bytes lost)',
      ...cpu.lines('MB'),
    ],
    async teardown() {
      await session?.close()
      await browser?.close()
      await bare?.close()
      await live?.close()
      await before?.close()
    },
  }
}
