/**
 * Makes the README's screenshots (resources/screenshots/) at 1280×720, a common shared-window
 * size: the response view with a command waiting in the spotlight, and the room view window.
 * Run after a build: `npx electron-vite build && npx tsx scripts/readme-screenshots.ts`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { startBrowserShellProcess } from '../test/support/browser-shell-process'
import { CHROMIUM_ARGS, requireChromium } from '../test/support/chromium'

const OUT = resolve(__dirname, '../resources/screenshots')
const SIZE = { width: 1280, height: 720 }

async function declare(page: Page) {
  const form = page.getByRole('form', { name: 'Declare an incident' })
  await form.getByLabel('Title').fill('Checkout API returns 500s')
  await form.getByLabel('Severity').selectOption('SEV1')
  await form.getByLabel('What is observed').fill('Error rate above 30% on /checkout')
  await form.getByLabel('Your name (Incident Handling Leader)').fill('Alice')
  await form.getByLabel('Your team').fill('SRE')
  await form.getByRole('button', { name: 'Declare incident' }).click()
  for (const name of ['Bob', 'Carol']) {
    const board = page.getByRole('region', { name: 'Role board' })
    const add = board.getByRole('form', { name: 'Add a person' })
    await add.getByLabel('Name').fill(name)
    await add.getByLabel('Team').fill('SRE')
    await add.getByLabel('Role').selectOption('operational-expert')
    await add.getByRole('button', { name: 'Add person' }).click()
    await board.getByRole('listitem', { name }).waitFor()
  }
}

async function main() {
  const shell = await startBrowserShellProcess({
    env: { WARROOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'warroom-shots-data-')) },
  })
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'warroom-shots-profile-')),
    { executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true, viewport: SIZE },
  )
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(shell.url)
    await declare(page)
    const terminal = page.getByRole('region', { name: 'Terminal' })
    await terminal.getByRole('status').filter({ hasText: 'Live' }).waitFor()
    const propose = page.getByRole('form', { name: 'Propose a command' })
    await propose
      .getByLabel('Command to propose')
      .fill('kubectl -n shop rollout undo deployment/checkout-api --to-revision=41')
    await propose.getByLabel('Propose as').selectOption({ label: 'Bob' })
    await propose.getByRole('button', { name: 'Propose' }).click()
    await page.getByRole('region', { name: 'Spotlight' }).waitFor()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(OUT, 'response-1280x720.png') })

    const [roomView] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Open room view in a new window' }).click(),
    ])
    await roomView.setViewportSize(SIZE)
    await roomView.getByRole('region', { name: 'Spotlight' }).waitFor()
    await roomView
      .getByRole('region', { name: 'Terminal' })
      .getByRole('status')
      .filter({ hasText: 'Live' })
      .waitFor()
    await roomView.waitForTimeout(300)
    await roomView.screenshot({ path: join(OUT, 'room-view-1280x720.png') })
    console.log(`Screenshots written to ${OUT}`)
  } finally {
    await context.close()
    await shell.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
