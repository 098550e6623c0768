import type { Page } from '@playwright/test'
import { openAppSession, type AppSession } from '../app-session'
import { guardedBenchApp, runAndWait, shellAtPrompt, startRunning } from '../guarded-app'
import type { Benchmark } from '../harness'

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

/**
 * Keystroke-to-echo latency while an approved command runs (`cat` echoing its input),
 * with the host idle and while a second War Room window floods its terminal (`yes`).
 */
export function echoLatencyBenchmark(): Benchmark {
  let session: AppSession
  let flooder: Page
  let idleP95: number[] = []
  return {
    name: 'echo-latency',
    description: 'keystroke to echo during a running command',
    metric: {
      name: 'keydown → echo in the terminal DOM',
      unit: 'ms',
      better: 'lower',
      target: { p95: 33, variant: 'another terminal flooding' },
    },
    variants: ['idle', 'another terminal flooding'],
    rounds: 5,
    async setup() {
      session = await openAppSession()
      await guardedBenchApp(session.page, 'Echo latency benchmark', ['cat', 'yes', 'clear'])
      await startRunning(session.page, 'cat')
      flooder = await session.context.newPage()
      await flooder.goto(session.shell.url)
      await flooder
        .getByRole('region', { name: 'Commands' })
        .getByText('shell integration on')
        .waitFor()
      await session.page.bringToFront()
    },
    async measure(variant) {
      const { page } = session
      if (variant === 'another terminal flooding') {
        await startRunning(flooder, 'yes')
        await page.bringToFront()
      }
      await page.locator('[aria-label="Terminal"] .xterm').click()
      const samples: number[] = []
      let typed = ''
      for (let i = 0; i < KEYS_PER_ROUND; i++) {
        const key = LETTERS[Math.floor(Math.random() * LETTERS.length)]!
        samples.push(
          await timeKey(page, key, '[aria-label="Terminal"] .xterm-rows', {
            includes: typed + key,
          }),
        )
        typed += key
      }
      await page.keyboard.press('Enter')
      if (variant === 'another terminal flooding') await interrupt(flooder)
      else idleP95 = idleP95.concat(samples)
      return samples
    },
    extraNotes: () => {
      const sorted = [...idleP95].sort((a, b) => a - b)
      const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN
      return [`idle p95 ${p95.toFixed(1)} ms (target ≤ 12: ${p95 <= 12 ? 'met' : 'missed'})`]
    },
    async teardown() {
      await session?.close()
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
