import type { Locator, Page } from '@playwright/test'
import { declareBenchIncident } from './app-session'

/**
 * How a benchmark presses the app's buttons. `pointer`: a click, which leaves the pointer
 * resting on the page. `keyboard`: Enter on the focused button, and the page never learns
 * where the pointer is. Chromium re-checks what is under a known pointer after every
 * layout (a hit test before each frame's animation callbacks): a page flooding its
 * terminal pays it every frame: 2–5% of the app's throughput here (terminal-throughput
 * measures both).
 */
export type Press = 'pointer' | 'keyboard'

const press = (button: Locator, how: Press) =>
  how === 'pointer' ? button.click() : button.press('Enter')

/**
 * Declares an incident and allow-lists the commands a benchmark runs, so each round is
 * one proposal and one press of Run (approval itself is not what is measured).
 */
export async function guardedBenchApp(page: Page, title: string, allowList: string[]) {
  await declareBenchIncident(page, title)
  const commands = page.getByRole('region', { name: 'Commands' })
  await commands.getByRole('button', { name: 'Change policy' }).click()
  const form = commands.getByRole('form', { name: 'Approval policy' })
  await form.getByLabel(/Read-only allow-list/).fill(allowList.join('\n'))
  await form.getByRole('button', { name: 'Save policy' }).click()
  await commands.getByText('shell integration on').waitFor()
}

/**
 * Proposes an allow-listed command; resolves once its Run button can be clicked (it stays
 * off until the gate has seen the shell back at its prompt, which may come a moment after
 * the screen says "guarded").
 */
export async function proposeAllowListed(
  page: Page,
  text: string,
  how: Press = 'pointer',
): Promise<void> {
  const form = page.getByRole('form', { name: 'Propose a command' })
  await form.getByLabel(/Command to propose/).fill(text)
  await press(form.getByRole('button', { name: 'Propose' }), how)
  await page
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('button', { name: 'Run' })
    .and(page.locator(':enabled'))
    .waitFor()
}

/** Proposes an allow-listed command and presses its Run button. */
async function proposeAndRun(page: Page, text: string, how: Press = 'pointer'): Promise<void> {
  await proposeAllowListed(page, text, how)
  await press(
    page.getByRole('list', { name: 'Pending commands' }).getByRole('button', { name: 'Run' }),
    how,
  )
}

/** Runs an allow-listed command and waits until the shell is back at its prompt. */
export async function runAndWait(page: Page, text: string, how: Press = 'pointer'): Promise<void> {
  await proposeAndRun(page, text, how)
  await page
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article')
    .waitFor({ state: 'detached' })
  await shellAtPrompt(page)
}

/** Runs an allow-listed command and waits until the shell says it is running. */
export async function startRunning(page: Page, text: string): Promise<void> {
  await proposeAndRun(page, text)
  await page
    .getByRole('region', { name: 'Terminal' })
    .getByLabel('Shell activity')
    .filter({ hasText: 'command running' })
    .waitFor()
}

/** The shell reported its prompt again (the gate runs nothing before that). */
export async function shellAtPrompt(page: Page): Promise<void> {
  await page
    .getByRole('region', { name: 'Terminal' })
    .getByLabel('Shell activity')
    .filter({ hasText: 'guarded' })
    .waitFor()
}

/** How a flood is started in the page: the app's Run button, or a bare page's `runCommand`. */
export type FloodStart = { click: 'run' } | { runCommand: string }

export interface PaintedRequest {
  /** Selector of the terminal's rows. */
  rows: string
  sentinel: string
  start: FloodStart
}

/** The terminal's rows in the app (the selector a PaintedRequest takes). */
export const APP_ROWS = '[aria-label="Terminal"] .xterm-rows'

/**
 * Runs in the page: starts the flood and resolves with the ms until `sentinel` is painted
 * in the terminal's rows, and the rows just before it (to check that nothing was lost).
 * Self-contained, so a bare CDP session can evaluate it too (see detached-browser.ts).
 */
export function paintedAfterStart({ rows: selector, sentinel, start }: PaintedRequest) {
  return new Promise<{ ms: number; before: string }>((resolve) => {
    const rows = document.querySelector(selector)!
    let begin: () => void
    if ('click' in start) {
      const run = [...document.querySelectorAll('[aria-label="Pending commands"] button')].find(
        (b) => b.textContent === 'Run',
      ) as HTMLButtonElement | undefined
      // A click on a disabled button does nothing: fail at once rather than wait forever.
      if (!run || run.disabled) throw new Error('the Run button is not there or not enabled')
      begin = () => run.click()
    } else {
      const w = window as unknown as { runCommand(text: string): Promise<void> }
      begin = () => void w.runCommand(start.runCommand)
    }
    const observer = new MutationObserver(() => {
      if (!rows.textContent?.includes(sentinel)) return
      observer.disconnect()
      // Queued from the frame that painted the sentinel: runs once it is drawn (see
      // terminal-throughput.ts for why not the next animation frame).
      setTimeout(() => {
        const lines = [...rows.children].map((row) => row.textContent ?? '')
        const at = lines.findIndex((line) => line.includes(sentinel))
        // The rows before it, joined: a long line wraps over several rows.
        const before = lines.slice(Math.max(0, at - 4), at).map((l) => l.trimEnd())
        resolve({ ms: performance.now() - started, before: before.join('') })
      }, 0)
    })
    observer.observe(rows, { childList: true, subtree: true, characterData: true })
    const started = performance.now()
    begin()
  })
}

/** `paintedAfterStart` through Playwright. */
export function untilPainted(page: Page, rows: string, sentinel: string, start: FloodStart) {
  return page.evaluate(paintedAfterStart, { rows, sentinel, start })
}

/** In the app: clicks Run, ms until `sentinel` is painted (and the rows before it). */
export const clickRunUntilPainted = (page: Page, sentinel: string) =>
  untilPainted(page, APP_ROWS, sentinel, { click: 'run' })
