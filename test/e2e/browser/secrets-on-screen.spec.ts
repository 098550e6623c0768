import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { declareIncident } from '../app-helpers'
import { expect, test } from '../fixtures'

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const DB_PASSWORD = 'hunter2secret'
const SECRETS = [AWS_SECRET, DB_PASSWORD]

/** Everything the page holds, labels and hidden text included, not only what is visible. */
async function pageHolds(page: Page): Promise<string> {
  return page.content()
}

/** Records what the app copies (headless Chromium does not read the clipboard back). */
async function spyOnClipboard(page: Page) {
  await page.evaluate(() => {
    const copied: string[] = []
    Object.assign(window, { copiedTexts: copied })
    navigator.clipboard.writeText = async (text: string) => void copied.push(text)
  })
}

test('secrets in notes and stakeholder updates are masked on screen, when copied and in the postmortem', async ({
  app,
}) => {
  await declareIncident(app)

  const notes = app.getByRole('region', { name: 'Notes' })
  const capture = notes.getByLabel('New note')
  await capture.fill(`CI log shows AWS_SECRET_ACCESS_KEY=${AWS_SECRET} in clear`)
  await capture.press('Enter')
  await capture.fill(`Checked the replica with mysql --password=${DB_PASSWORD} -h db-2`)
  await capture.press('Enter')
  const list = notes.getByRole('list', { name: 'Note list' })
  await expect(list).toContainText('CI log shows AWS_SECRET_ACCESS_KEY=•••••• in clear')
  await expect(list).toContainText('Checked the replica with mysql --password=•••••• -h db-2')

  const timeline = app.getByRole('region', { name: 'Timeline' })
  await expect(timeline).toContainText('AWS_SECRET_ACCESS_KEY=•••••• in clear')
  await expect(timeline).toContainText('mysql --password=•••••• -h db-2')

  // The Communication Leader pastes the same into an update: the preview and the copy are
  // masked (the fields being typed in keep the text as typed).
  const updates = app.getByRole('region', { name: 'Stakeholder updates' })
  await updates.getByRole('button', { name: 'Compose update' }).click()
  const composer = updates.getByRole('form', { name: 'Compose stakeholder update' })
  await composer.getByLabel('What is happening').fill(`Key AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`)
  await composer
    .getByLabel('What we are doing')
    .fill(`Rotating; ran mysql --password=${DB_PASSWORD}`)
  const preview = composer.getByLabel('Update preview')
  await expect(preview).toContainText('What is happening: Key AWS_SECRET_ACCESS_KEY=••••••')
  await expect(preview).toContainText('What we are doing: Rotating; ran mysql --password=••••••')
  for (const secret of SECRETS) await expect(preview).not.toContainText(secret)
  await spyOnClipboard(app)
  await composer.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(composer.getByRole('status')).toHaveText('Update copied to the clipboard.')
  const copied = await app.evaluate(
    () => (window as unknown as { copiedTexts: string[] }).copiedTexts,
  )
  expect(copied).toHaveLength(1)
  expect(copied[0]).toContain('AWS_SECRET_ACCESS_KEY=••••••')
  for (const secret of SECRETS) expect(copied[0]).not.toContain(secret)
  await composer.getByRole('button', { name: 'Record as sent' }).click()
  await expect(timeline).toContainText('Stakeholder update sent: Key AWS_SECRET_ACCESS_KEY=••••••')

  // Nowhere on the page, not even in a label: the notes list, the timeline, the updates.
  const held = await pageHolds(app)
  for (const secret of SECRETS) expect(held).not.toContain(secret)

  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const postmortem = app.getByRole('region', { name: 'Postmortem' })
  await expect(postmortem.getByRole('article', { name: 'Postmortem preview' })).toContainText(
    'mysql --password=••••••',
  )
  const [download]: [Download, void] = await Promise.all([
    app.waitForEvent('download'),
    postmortem.getByRole('button', { name: 'Download Markdown' }).click(),
  ])
  const markdown = readFileSync(await download.path(), 'utf8')
  expect(markdown).toContain('--password=••••••')
  for (const secret of SECRETS) expect(markdown).not.toContain(secret)
})
