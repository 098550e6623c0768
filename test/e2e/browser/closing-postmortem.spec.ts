import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { addPerson, guardedWorkspace, propose, approveInRoom } from '../app-helpers'
import { expect, test } from '../fixtures'
import { serializeIncidentFile, toIncidentFile } from '../../../src/shared/export/incident-file'
import { fixtureIncident, T0 } from '../../support/incident-fixture'

async function downloaded(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()])
  const path = await download.path()
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') }
}

/**
 * Headless Chromium denies reading the clipboard back, so what the app writes is recorded
 * on its way (the real clipboard write still happens and must succeed).
 */
async function spyOnClipboard(page: Page) {
  await page.evaluate(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard)
    const copied: string[] = []
    Object.assign(window, { copiedTexts: copied })
    navigator.clipboard.writeText = async (text: string) => {
      await write(text)
      copied.push(text)
    }
  })
}

const lastCopied = (page: Page) =>
  page.evaluate(() => (window as unknown as { copiedTexts: string[] }).copiedTexts.at(-1))

/** Proposes as Bob, approves as Carol, runs, and waits for the exit code. */
async function runApproved(page: Page, text: string) {
  const commands = page.getByRole('region', { name: 'Commands' })
  await propose(page, text)
  const card = commands.getByRole('article', { name: `Proposal ${text}` }).first()
  await approveInRoom(card, 'Carol')
  await card.getByRole('button', { name: 'Run' }).click()
  await expect(card.getByLabel('Result')).toContainText('Exit code 0')
}

test('an incident worked end to end is closed, given action items and exported as a blameless postmortem', async ({
  app,
}) => {
  await guardedWorkspace(app)
  await addPerson(app, 'Dana', 'stakeholder')
  await runApproved(app, 'echo rolled-back')
  await app.getByRole('button', { name: 'Mark mitigated' }).click()
  await expect(app.getByRole('region', { name: 'Incident' })).toContainText('Mitigated')

  // The Communication Leader sends an update; the countdown restarts from the promise.
  const updates = app.getByRole('region', { name: 'Stakeholder updates' })
  await expect(updates.getByRole('timer', { name: 'Next stakeholder update' })).toContainText(
    /Next update due in \d\d:\d\d/,
  )
  await updates.getByRole('button', { name: 'Compose update' }).click()
  const composer = updates.getByRole('form', { name: 'Compose stakeholder update' })
  await composer.getByLabel('Impact').fill('About 30% of checkouts fail')
  await composer.getByLabel('What we are doing').fill('Rolled back the release')
  await composer.getByLabel('Next update in (minutes)').fill('20')
  await expect(composer.getByLabel('Update preview')).toContainText(
    'Impact: About 30% of checkouts fail',
  )
  await spyOnClipboard(app)
  await composer.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(composer.getByRole('status')).toHaveText('Update copied to the clipboard.')
  expect(await lastCopied(app)).toContain('What we are doing: Rolled back the release')
  await composer.getByRole('button', { name: 'Record as sent' }).click()
  await expect(updates.getByRole('timer')).toContainText(/Next update due in (19|20):\d\d/)
  await expect(app.getByRole('region', { name: 'Timeline' })).toContainText(
    'Stakeholder update sent',
  )

  await app.getByRole('button', { name: 'Close incident' }).click()
  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()

  const report = app.getByRole('region', { name: 'Closing report' })
  await report.getByLabel('Authors').fill('Alice, Bob')
  await report.getByLabel('Summary').fill('Checkout failed for 40 minutes after release 2.3.')
  await report.getByLabel('Impact').fill('30% of checkouts | EU only')
  await report
    .getByLabel('Root causes and contributing factors')
    .fill('A config flag # defaulted to off')
  await report.getByLabel('Trigger').fill('Release 2.3')
  await report.getByLabel('Resolution').fill('Rollback')
  await report.getByLabel('Detection').fill('Error-rate alert')
  await report.getByLabel('What went well').fill('Paging worked\nRollback was fast')
  await report.getByLabel('What went wrong').fill('No canary')
  await report.getByLabel('Where we got lucky').fill('Low traffic hour')
  await report.getByLabel('Postmortem status').selectOption('in-review')

  const metrics = app.getByRole('region', { name: 'Metrics' })
  await expect(metrics.getByRole('group', { name: 'Time to mitigate' })).not.toContainText('—')
  await expect(metrics.getByRole('group', { name: 'Time to resolve' })).not.toContainText('—')

  const actions = app.getByRole('region', { name: 'Action items' })
  const add = actions.getByRole('form', { name: 'Add action item' })
  await add.getByLabel('Action item').fill('Add a canary stage | with `backticks`')
  await add.getByLabel('Owner').fill('Bob')
  await add.getByLabel('Due').fill('2020-01-31')
  await add.getByLabel('Type').selectOption('prevent')
  await add.getByLabel('Deliverable').fill('Canary in the pipeline')
  await add.getByLabel('Ticket').fill('https://tickets.example.com/OPS-7')
  await add.getByRole('button', { name: 'Add action item' }).click()
  await add.getByLabel('Action item').fill('Alert on config flags')
  await add.getByRole('button', { name: 'Add action item' }).click()
  const canary = actions.getByRole('listitem', { name: /Action item Add a canary/ })
  await expect(canary.getByText('Overdue')).toBeVisible()
  await expect(
    actions.getByRole('listitem', { name: 'Action item Alert on config flags' }),
  ).toContainText('no time box')

  const postmortem = app.getByRole('region', { name: 'Postmortem' })
  const preview = postmortem.getByRole('article', { name: 'Postmortem preview' })
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(
    'Postmortem: Checkout API returns 500s',
  )
  await expect(
    preview.getByRole('table').filter({ hasText: 'Action item' }).getByRole('row'),
  ).toHaveCount(3)
  await expect(postmortem.getByRole('note')).toContainText('chain intact')

  const md = await downloaded(app, () =>
    postmortem.getByRole('button', { name: 'Download Markdown' }).click(),
  )
  expect(md.name).toMatch(/^postmortem-\d{4}-\d\d-\d\d-checkout-api-returns-500s\.md$/)
  expect(md.text).toContain('# Postmortem: Checkout API returns 500s')
  expect(md.text).toContain('- **Authors:** Alice, Bob')
  expect(md.text).toContain('- **Status:** In review')
  expect(md.text).toContain('30% of checkouts \\| EU only')
  expect(md.text).toContain(
    '| Add a canary stage \\| with \\`backticks\\` | Prevent | Bob | 2020-01-31 |',
  )
  expect(md.text).toContain('<https://tickets.example.com/OPS-7>')
  expect(md.text).toContain('```sh\necho rolled-back\n```')
  expect(md.text).toMatch(
    /Approved by Carol \(in the room, recorded by Alice\) at .*\n- Run at .* approved by Carol \(in the room, recorded by Alice\)\n- Exit code \*\*0\*\*/,
  )
  expect(md.text).toContain('hash chain **intact**')
  expect(md.text).toContain('- Paging worked\n- Rollback was fast')
  expect(md.text).toContain('About 30% of checkouts fail')
  for (const section of [
    'Summary',
    'Impact',
    'Root Causes',
    'Metrics',
    'Roles',
    'Action Items',
    'Timeline',
    'Commands Run',
  ])
    expect(md.text).toContain(`\n## ${section}\n`)

  await postmortem.getByRole('button', { name: 'Copy Markdown' }).click()
  await expect(postmortem.getByRole('status')).toHaveText('Postmortem copied to the clipboard.')
  expect(await lastCopied(app)).toBe(md.text)

  await postmortem.getByLabel('Template').selectOption('pagerduty')
  await expect(preview.getByRole('heading', { name: 'Contributing Factors' })).toBeVisible()

  // A JSON backup of the same incident, imported back: the file is already here, keep both.
  const json = await downloaded(app, () =>
    postmortem.getByRole('button', { name: 'Export JSON backup' }).click(),
  )
  expect(JSON.parse(json.text)).toMatchObject({ format: 'war-room-incident', version: 1 })
  await app.getByRole('button', { name: 'All incidents' }).click()
  const incidents = app.getByRole('region', { name: 'Incidents' })
  const input = incidents.getByLabel('Import incident (JSON)')
  await input.setInputFiles({
    name: json.name,
    mimeType: 'application/json',
    buffer: Buffer.from(json.text),
  })
  const dialog = incidents.getByRole('dialog', { name: 'Incident already here' })
  await dialog.getByRole('button', { name: 'Keep both' }).click()
  await expect(incidents.getByRole('status')).toContainText('command log verified (')
  await incidents
    .getByRole('button', { name: 'Open Checkout API returns 500s (imported copy)' })
    .click()
  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  await expect(
    app.getByRole('region', { name: 'Closing report' }).getByLabel('Summary'),
  ).toHaveValue('Checkout failed for 40 minutes after release 2.3.')
  await expect(app.getByRole('region', { name: 'Action items' }).getByRole('listitem')).toHaveCount(
    2,
  )
})

test('a bad import file gets a clear error and changes nothing', async ({ app }) => {
  await expect(app.getByRole('form', { name: 'Declare an incident' })).toBeVisible()
  const incidents = app.getByRole('region', { name: 'Incidents' })
  const input = incidents.getByLabel('Import incident (JSON)')
  const load = (text: string) =>
    input.setInputFiles({
      name: 'incident.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    })

  await load('{"format": "war-room-incident", "version": 1, "incident": {')
  await expect(incidents.getByRole('alert')).toContainText('not valid JSON (is it cut short?)')
  await load('{"format": "war-room-incident", "version": 9}')
  await expect(incidents.getByRole('alert')).toContainText(
    'written by a newer War Room (format version 9)',
  )
  await load(
    `{"format": "war-room-incident", "version": 1, "x": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
  )
  await expect(incidents.getByRole('alert')).toContainText('nested far deeper')
  await load('{"format": "war-room-incident", "version": 1, "__proto__": {"admin": true}}')
  await expect(incidents.getByRole('alert')).toContainText('Import failed, nothing was changed')
  await expect(incidents.getByText('No incidents yet.')).toBeVisible()
})

test('the closing report is saved as it is typed and survives a reload', async ({ app }) => {
  await guardedWorkspace(app)
  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const report = app.getByRole('region', { name: 'Closing report' })
  await report
    .getByLabel('Root causes and contributing factors')
    .fill('Pool size 10\nNo alert on saturation')
  await report.getByLabel('Authors').fill('Alice')
  await expect(app.getByRole('status', { name: 'Save status' })).toContainText('saved')
  await app.reload()
  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  await expect(report.getByLabel('Root causes and contributing factors')).toHaveValue(
    'Pool size 10\nNo alert on saturation',
  )
  await expect(report.getByLabel('Authors')).toHaveValue('Alice')
})

test('action items can be edited, marked done and removed, each on the timeline', async ({
  app,
}) => {
  await guardedWorkspace(app)
  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const actions = app.getByRole('region', { name: 'Action items' })
  const add = actions.getByRole('form', { name: 'Add action item' })
  await add.getByLabel('Action item').fill('Add saturation alert')
  await add.getByLabel('Due').fill('2020-02-01')
  await add.getByRole('button', { name: 'Add action item' }).click()
  const item = actions.getByRole('listitem', { name: 'Action item Add saturation alert' })
  await expect(item.getByText('Overdue')).toBeVisible()

  await item.getByRole('button', { name: 'Edit' }).click()
  const edit = actions.getByRole('form', { name: 'Save action item' })
  await edit.getByLabel('Owner').fill('Carol')
  await edit.getByRole('button', { name: 'Save action item' }).click()
  await expect(item).toContainText('Owner: Carol')

  await item.getByLabel('Status').selectOption('done')
  await expect(item.getByText('Overdue')).toHaveCount(0)
  await item.getByRole('button', { name: 'Remove' }).click()
  await expect(actions.getByRole('listitem')).toHaveCount(0)

  await app.getByRole('tab', { name: 'Response' }).click()
  const timeline = app.getByRole('region', { name: 'Timeline' })
  await expect(timeline).toContainText('Action item edited: Add saturation alert')
  await expect(timeline).toContainText('Action item done: Add saturation alert')
  await expect(timeline).toContainText('Action item removed: Add saturation alert')
})

test('the mitigation time can be back-dated, not set ahead, and a wrong mark cleared', async ({
  app,
}) => {
  await app
    .getByRole('form', { name: 'Declare an incident' })
    .getByLabel('Impact started (if known)')
    .fill(localInput(-30))
  await guardedWorkspace(app)
  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const metrics = app.getByRole('region', { name: 'Metrics' })
  const mitigate = metrics.getByRole('group', { name: 'Time to mitigate' })
  await expect(mitigate).toContainText('not mitigated yet')

  await metrics.getByLabel('Mitigated at').fill(localInput(+30))
  await expect(metrics.getByRole('button', { name: 'Set mitigation time' })).toBeDisabled()
  await metrics.getByLabel('Mitigated at').fill(localInput(-10))
  await metrics.getByRole('button', { name: 'Set mitigation time' }).click()
  await expect(mitigate).toContainText(/^Time to mitigate(19|20|21) min/)
  await expect(mitigate).toContainText('from impact start to marked mitigated')

  await metrics.getByRole('button', { name: 'Clear mitigation' }).click()
  await expect(mitigate).toContainText('not mitigated yet')
  await app.getByRole('tab', { name: 'Response' }).click()
  await expect(app.getByRole('region', { name: 'Timeline' })).toContainText(
    'Mitigation mark removed',
  )
})

/** A datetime-local value this many minutes from now. */
function localInput(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`
}

test('a large backup imports whole: every event on the timeline, after a reload too, and a new note lands after them', async ({
  app,
}) => {
  // 1,200 events: stored in blocks (see incident-import.ts), read back with the rest.
  const snapshot = fixtureIncident({ events: 1_200, open: true })
  const json = serializeIncidentFile(toIncidentFile(snapshot, { now: T0, exportedBy: 'e2e' }))
  const incidents = app.getByRole('region', { name: 'Incidents' })
  await incidents.getByLabel('Import incident (JSON)').setInputFiles({
    name: 'large.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  })
  await expect(incidents.getByRole('status')).toContainText('Imported “title 0”')
  await incidents.getByRole('button', { name: 'Resume title 0' }).click()
  const timeline = app.getByRole('region', { name: 'Timeline' })
  await expect(timeline).toContainText('event 1199')
  // The 1,200 imported, and what opening it added (the role board given to the gate).
  await expect(timeline).toContainText('Role board given to the gate')
  const counted = timeline.getByText(/^\d+ events$/)
  const shown = Number((await counted.textContent())!.split(' ')[0])
  expect(shown).toBeGreaterThanOrEqual(1_200)
  expect(shown).toBeLessThan(1_210)

  await app.reload()
  await expect(counted).toHaveText(`${shown} events`)
  const notes = app.getByRole('region', { name: 'Notes' })
  await notes.getByLabel('New note').fill('Written after the import')
  await notes.getByLabel('New note').press('Enter')
  await expect(counted).toHaveText(`${shown + 1} events`)
  await expect(timeline.getByRole('listitem').last()).toContainText(
    'Fact: Written after the import',
  )
})
