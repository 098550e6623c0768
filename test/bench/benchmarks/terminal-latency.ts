import type { Page } from '@playwright/test'
import { startBrowserShell, type BrowserShell } from '../../../src/main/server/browser-shell'
import { openAppSession, type AppSession } from '../app-session'
import { buildFixturePage } from '../browser'
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

const BARE = 'bare xterm + host (baseline)'

/**
 * Keystroke-to-echo latency while an approved command runs (`cat` echoing its input),
 * with the host idle and while a second War Room window floods its terminal (`yes`);
 * baseline: a page holding only xterm on the same host path, `cat` running the same way.
 */
export function echoLatencyBenchmark(): Benchmark {
  let session: AppSession
  let flooder: Page
  let bareShell: BrowserShell
  let barePage: Page
  const p95Of: Record<string, number[]> = { idle: [], [BARE]: [] }
  return {
    name: 'echo-latency',
    description: 'keystroke to echo during a running command',
    metric: {
      name: 'keydown → echo in the terminal DOM',
      unit: 'ms',
      better: 'lower',
      target: { p95: 33, variant: 'another terminal flooding' },
    },
    variants: [BARE, 'idle', 'another terminal flooding'],
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
      bareShell = await startBrowserShell({
        host: session.host,
        port: 0,
        rendererDir: await buildFixturePage('bare-xterm-live'),
      })
      barePage = await session.context.newPage()
      await barePage.goto(bareShell.url)
      await barePage.waitForFunction(() => performance.getEntriesByName('bare:live-prompt').length)
      await barePage.evaluate(() =>
        (window as unknown as { runCommand(text: string): Promise<void> }).runCommand('cat'),
      )
      await session.page.bringToFront()
    },
    async measure(variant) {
      if (variant === BARE) {
        await barePage.bringToFront()
        await barePage.locator('.xterm').click()
        const samples = await typeRound(barePage, '.xterm-rows')
        p95Of[BARE] = p95Of[BARE]!.concat(samples)
        await session.page.bringToFront()
        return samples
      }
      const { page } = session
      if (variant === 'another terminal flooding') {
        await startRunning(flooder, 'yes')
        await page.bringToFront()
      }
      await page.locator('[aria-label="Terminal"] .xterm').click()
      const samples = await typeRound(page, '[aria-label="Terminal"] .xterm-rows')
      if (variant === 'another terminal flooding') await interrupt(flooder)
      else p95Of.idle = p95Of.idle!.concat(samples)
      return samples
    },
    extraNotes: () => {
      const p95 = (samples: number[]) => {
        const sorted = [...samples].sort((a, b) => a - b)
        return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN
      }
      const idle = p95(p95Of.idle!)
      return [
        `idle p95 ${idle.toFixed(1)} ms (target ≤ 12: ${idle <= 12 ? 'met' : 'missed'})`,
        `baseline p95 ${p95(p95Of[BARE]!).toFixed(1)} ms`,
      ]
    },
    async teardown() {
      await session?.close()
      await bareShell?.close()
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
