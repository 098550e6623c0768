import { readdirSync, readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { declareIncident } from '../app-helpers'
import { expect, test } from '../fixtures'

/** What typing may lag behind when the browser dies (DESIGN.md §3: ~250 ms, plus a commit). */
const MAX_UNSAVED_MS = 300
/** Key interval while "typing continuously": far below the old 300 ms quiet-time debounce. */
const KEY_DELAY_MS = 40

const TEXT =
  'Connection pool of checkout-api exhausted after the 14:02 deploy; retries amplified the load ten-fold.'

/**
 * Kills Chromium without warning (no pagehide, no flush): SIGKILL to the process group
 * Playwright started it in, found by this test's own profile directory.
 */
function killBrowser(profileDir: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline: string
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue
    }
    const args = cmdline.split('\0')
    if (
      args.includes(`--user-data-dir=${profileDir}`) &&
      !args.some((a) => a.startsWith('--type='))
    ) {
      process.kill(-Number(pid), 'SIGKILL')
      return
    }
  }
  throw new Error(`no Chromium found for ${profileDir}`)
}

/** Records when each character reached the page, to know what was typed long enough ago. */
async function recordKeyTimes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const times: number[] = []
    Object.assign(window, { keyTimes: times })
    document.addEventListener('input', () => times.push(performance.now()), true)
  })
}

/** How many of the typed characters arrived more than `ms` ago. */
const typedBefore = (page: Page, ms: number) =>
  page.evaluate((ms) => {
    const now = performance.now()
    return (window as unknown as { keyTimes: number[] }).keyTimes.filter((t) => now - t > ms).length
  }, ms)

test('closing-report text typed without a pause is saved as it goes: a killed browser loses at most the last moment', async ({
  shell,
  launchBrowser,
  profileDir,
}) => {
  let context = await launchBrowser()
  let page = context.pages()[0] ?? (await context.newPage())
  await page.goto(shell.url)
  await declareIncident(page)
  await page.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const summary = page.getByRole('region', { name: 'Closing report' }).getByLabel('Summary')
  await summary.click()
  await recordKeyTimes(page)

  await page.keyboard.type(TEXT, { delay: KEY_DELAY_MS })
  const mustBeSaved = await typedBefore(page, MAX_UNSAVED_MS)
  killBrowser(profileDir)
  await context.close().catch(() => {})
  expect(mustBeSaved).toBeGreaterThan(TEXT.length - 20)

  context = await launchBrowser()
  page = context.pages()[0] ?? (await context.newPage())
  await page.goto(shell.url)
  await page.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const reopened = page.getByRole('region', { name: 'Closing report' }).getByLabel('Summary')
  const value = await reopened.inputValue()
  expect(TEXT.startsWith(value), `saved text ${JSON.stringify(value)} is what was typed`).toBe(true)
  expect(value.length).toBeGreaterThanOrEqual(mustBeSaved)
})
