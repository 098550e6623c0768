import { chromium } from '@playwright/test'
import { startBrowserShellProcess } from './support/browser-shell-process'
import { CHROMIUM_ARGS, requireChromium } from './support/chromium'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

async function main() {
  const shell = await startBrowserShellProcess({ env: { WARROOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'wr-data-')) } })
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'wr-prof-')), {
    executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 720 },
  })
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(shell.url)
  const form = page.getByRole('form', { name: 'Declare an incident' })
  await form.getByLabel('Title').fill('Checkout API returns 500s')
  await form.getByLabel('Severity').selectOption('SEV1')
  await form.getByLabel('What is observed').fill('Error rate above 30% on /checkout')
  await form.getByLabel('Your name (Incident Handling Leader)').fill('Alice')
  await form.getByLabel('Your team').fill('SRE')
  await form.getByRole('button', { name: 'Declare incident' }).click()
  for (const name of ['Bob', 'Carol']) {
    const f = page.getByRole('region', { name: 'Role board' }).getByRole('form', { name: 'Add a person' })
    await f.getByLabel('Name').fill(name)
    await f.getByLabel('Team').fill('SRE')
    await f.getByLabel('Role').selectOption('operational-expert')
    await f.getByRole('button', { name: 'Add person' }).click()
    await page.getByRole('region', { name: 'Role board' }).getByRole('listitem', { name }).waitFor()
  }
  await page.getByRole('region', { name: 'Terminal' }).getByRole('status').filter({ hasText: 'Live' }).waitFor()
  const pf = page.getByRole('form', { name: 'Propose a command' })
  await pf.getByLabel('Command to propose').fill('kubectl -n shop rollout undo deployment/checkout-api --to-revision=41')
  await pf.getByLabel('Propose as').selectOption({ label: 'Bob' })
  await pf.getByRole('button', { name: 'Propose' }).click()
  await pf.getByLabel('Command to propose').fill('ｒｍ -rf ./cache')
  await pf.getByRole('button', { name: 'Propose' }).click()
  await page.waitForTimeout(1000)
  await page.screenshot({ path: '/tmp/shots/response-1280.png' })
  await page.getByRole('button', { name: 'Present' }).click()
  await page.waitForTimeout(500)
  await page.screenshot({ path: '/tmp/shots/present-1280.png' })
  await context.close()
  await shell.stop()
}
void main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1) })
