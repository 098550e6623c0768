import type { Page } from '@playwright/test'
import { openAppSession, startBenchHost, type AppSession, type BenchHost } from '../app-session'
import { serveBareLive, type BareLiveSite } from '../browser'
import { guardedBenchApp, runAndWait, shellAtPrompt, startRunning } from '../guarded-app'
import type { Benchmark } from '../harness'
import { TIMING_MARKS as MARKS } from '../../../src/shared/timing-marks'

const KEYS_PER_ROUND = 24
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

/** Presses Ctrl-C in the terminal and waits for the prompt. */
async function interrupt(page: Page): Promise<void> {
  await page.locator('[aria-label="Terminal"] .xterm').click()
  await page.keyboard.press('Control+C')
  await shellAtPrompt(page)
}

type Probe = { probe?: Promise<number> }

/**
 * Arms an in-page probe (resolves with ms from the next keydown until `check` holds after
 * a DOM change under `selector`), presses the keys, and returns the probe's figure. The
 * probe is armed before the key is sent, so the key can never beat it.
 */
async function timeKey(
  page: Page,
  keys: string,
  selector: string,
  check: { includes?: string; equals?: string },
): Promise<number> {
  await page.evaluate(
    ({ selector, check }) => {
      const target = document.querySelector(selector)!
      ;(window as Probe).probe = new Promise<number>((resolve) => {
        let pressed = 0
        const done = () =>
          check.includes !== undefined
            ? target.textContent?.includes(check.includes)
            : target.textContent === check.equals
        document.addEventListener('keydown', () => (pressed = performance.now()), {
          capture: true,
          once: true,
        })
        const observer = new MutationObserver(() => {
          if (!pressed || !done()) return
          observer.disconnect()
          resolve(performance.now() - pressed)
        })
        observer.observe(target, { childList: true, subtree: true, characterData: true })
      })
    },
    { selector, check },
  )
  await page.keyboard.press(keys)
  return page.evaluate(() => (window as Probe).probe!)
}

/** Types a round of random letters, each timed from keydown to its echo in `rows`. */
async function typeRound(page: Page, rows: string): Promise<number[]> {
  const samples: number[] = []
  let typed = ''
  for (let i = 0; i < KEYS_PER_ROUND; i++) {
    const key = LETTERS[Math.floor(Math.random() * LETTERS.length)]!
    samples.push(await timeKey(page, key, rows, { includes: typed + key }))
    typed += key
  }
  await page.keyboard.press('Enter')
  return samples
}

const BARE_IDLE = 'bare xterm + host, idle'
const APP_IDLE = 'War Room, idle'
const BARE_FLOODED = 'bare xterm + host, another terminal flooding'
const APP_FLOODED = 'War Room, another terminal flooding'

/**
 * Keystroke-to-echo latency while an approved command runs (`cat` echoing its input), with
 * the host idle and while another War Room window (another incident, its own browser
 * profile, the same host) floods its terminal with `yes`; baseline: a page holding only
 * xterm on the same host path, `cat` running the same way, idle and under the same flood.
 */
export function echoLatencyBenchmark(): Benchmark {
  let served: BenchHost
  let session: AppSession
  let flooder: AppSession
  let bare: BareLiveSite
  let barePage: Page
  return {
    name: 'echo-latency',
    description: 'keystroke to echo during a running command',
    metric: {
      name: 'keydown → echo in the terminal DOM',
      unit: 'ms',
      better: 'lower',
      target: {
        p95Ratios: [
          { variant: APP_IDLE, baseline: BARE_IDLE, limit: 1.1 },
          { variant: APP_FLOODED, baseline: BARE_FLOODED, limit: 1.1 },
        ],
      },
    },
    variants: [BARE_IDLE, APP_IDLE, BARE_FLOODED, APP_FLOODED],
    rounds: 7,
    async setup() {
      served = await startBenchHost()
      session = await openAppSession({ on: served })
      await guardedBenchApp(session.page, 'Echo latency benchmark', ['cat', 'clear'])
      await startRunning(session.page, 'cat')
      flooder = await openAppSession({ on: served })
      await guardedBenchApp(flooder.page, 'Flooding incident', ['yes', 'clear'])
      bare = await serveBareLive(served.host)
      barePage = await session.context.newPage()
      await barePage.goto(bare.url('bench-echo'))
      await barePage.waitForFunction(
        (name) => performance.getEntriesByName(name).length,
        MARKS.bareLivePrompt,
      )
      await barePage.evaluate(() =>
        (window as unknown as { runCommand(text: string): Promise<void> }).runCommand('cat'),
      )
      await session.page.bringToFront()
    },
    async measure(variant) {
      const flooding = variant === BARE_FLOODED || variant === APP_FLOODED
      if (flooding) await startRunning(flooder.page, 'yes')
      let samples: number[]
      if (variant === BARE_IDLE || variant === BARE_FLOODED) {
        await barePage.bringToFront()
        await barePage.locator('.xterm').click()
        samples = await typeRound(barePage, '.xterm-rows')
      } else {
        const { page } = session
        await page.bringToFront()
        await page.locator('[aria-label="Terminal"] .xterm').click()
        samples = await typeRound(page, '[aria-label="Terminal"] .xterm-rows')
      }
      if (flooding) await interrupt(flooder.page)
      return samples
    },
    async teardown() {
      await session?.close()
      await flooder?.close()
      await bare?.close()
      await served?.close()
    },
  }
}

/** Ctrl-C while a command floods the terminal, until the shell's prompt is back. */
export function interruptLatencyBenchmark(): Benchmark {
  let session: AppSession
  return {
    name: 'ctrl-c-flood',
    description: 'Ctrl-C during `yes` back to the prompt',
    metric: {
      name: 'keydown → prompt reported on screen (DOM)',
      unit: 'ms',
      better: 'lower',
      target: { median: 150 },
    },
    variants: ['War Room terminal'],
    rounds: 5,
    async setup() {
      session = await openAppSession()
      await guardedBenchApp(session.page, 'Ctrl-C benchmark', ['yes', 'clear'])
    },
    async measure() {
      const { page } = session
      await startRunning(page, 'yes')
      await page.waitForTimeout(1_000) // flooding at full speed
      await page.locator('[aria-label="Terminal"] .xterm').click()
      const ms = await timeKey(page, 'Control+C', '[aria-label="Shell activity"]', {
        equals: 'guarded',
      })
      await runAndWait(page, 'clear')
      return ms
    },
    async teardown() {
      await session?.close()
    },
  }
}
