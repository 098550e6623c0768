import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium'
import { expect } from './fixtures'

/** A phone held upright (iPhone 12–15 class): what an expert may approve from. */
export const PHONE = { width: 390, height: 844 }

/** Another person's own browser: a persistent profile of its own, closed and removed by `close`. */
export async function ownDevice(viewport = { width: 1280, height: 800 }) {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-participant-'))
  const context: BrowserContext = await chromium.launchPersistentContext(dir, {
    executablePath: requireChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    profileDir: dir,
    close: async () => {
      await context.close().catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The leader makes a personal invite link for someone on the role board; returns the URL. */
export async function makeInvite(
  page: Page,
  name: string,
  mode: 'expert' | 'observer' = 'expert',
): Promise<string> {
  const board = page.getByRole('region', { name: 'Role board' })
  await board.getByRole('button', { name: `Invite ${name}…` }).click()
  const form = board.getByRole('form', { name: `Invite ${name}` })
  await form.getByLabel('Mode').selectOption(mode)
  await form.getByRole('button', { name: 'Make invite link' }).click()
  const box = form.getByRole('textbox', { name: 'Invite URL' })
  await expect(box).toHaveValue(/\/join\?invite=/)
  return box.inputValue()
}

/** The participant's page after following the link: who they are, and their key. */
export async function joinedAs(page: Page, url: string, who: RegExp | string) {
  await page.goto(url)
  const you = page.getByLabel('You are')
  await expect(you).toContainText(who)
  return you
}

/**
 * The person reads out the code their page shows and the leader types it back on the role
 * board; their page then says who confirmed it.
 */
export async function confirmCode(app: Page, page: Page, name: string) {
  const shown = page.getByRole('status', { name: 'Your code' })
  await expect(shown).toContainText(/\d{3} \d{3}/)
  const code = /(\d{3} \d{3})/.exec((await shown.textContent()) ?? '')![1]!
  const form = app
    .getByRole('region', { name: 'Role board' })
    .getByRole('form', { name: `Confirm ${name}` })
  await form.getByLabel(`Code ${name} reads out`).fill(code)
  await form.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.getByLabel('You are')).toContainText('confirmed by')
  await expect(shown).toHaveCount(0)
}
