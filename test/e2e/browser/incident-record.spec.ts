import { execFileSync } from 'node:child_process'
import type { Page } from '@playwright/test'
import { declareIncident } from '../app-helpers'
import { expect, test } from '../fixtures'

const NOTES: Array<[kind: string, text: string]> = [
  ['Fact', 'Error rate on /checkout is 32% since 10:02'],
  ['Hypothesis', 'The 10:00 deploy of payments-api broke the DB pool'],
  ['Question', 'Did anything change in the load balancer?'],
  ['Impact', 'About 4,000 checkouts failed, EU only'],
  ['Decision', 'Roll back payments-api to v41'],
  ['Update', 'Stakeholders told: mitigation under way'],
]

async function timelineSummaries(page: Page, kind?: string): Promise<string[]> {
  const timeline = page.getByRole('region', { name: 'Timeline' })
  if (kind) {
    // Show only one kind: press every other chip off.
    const chips = timeline.getByRole('group', { name: 'Show event kinds' }).getByRole('button')
    for (const chip of await chips.all()) {
      const name = (await chip.textContent())?.trim()
      if (name === 'Pinned only') continue
      const pressed = (await chip.getAttribute('aria-pressed')) === 'true'
      if (pressed !== (name === kind)) await chip.click()
    }
  }
  const rows = timeline.getByRole('list', { name: 'Timeline events' }).getByRole('listitem')
  return rows.evaluateAll((items) =>
    items
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((item) => item.querySelector('.timeline-summary')?.textContent ?? ''),
  )
}

async function expectRecordIntact(page: Page) {
  await expect(page.getByRole('heading', { name: 'Checkout API returns 500s' })).toBeVisible()
  const checklist = page.getByRole('region', { name: 'Checklist' })
  // The current stage is open; the declaration stage, done earlier, is folded.
  await expect(checklist.getByRole('group', { name: 'Understanding the incident' })).toContainText(
    'current stage',
  )
  await checklist.getByText('Declaration', { exact: true }).click()
  await expect(
    checklist.getByRole('checkbox', {
      name: 'Declare the incident and its severity in the incident channel',
    }),
  ).toBeChecked()
  await expect(
    checklist.getByRole('checkbox', {
      name: 'Page the on-call experts and the owner of the affected service',
    }),
  ).toBeChecked()
  await expect(checklist.getByRole('checkbox', { name: 'Check the status page' })).toBeVisible()

  const board = page.getByRole('region', { name: 'Role board' })
  await expect(board.getByText('Incident Handling Leader: Bob')).toBeVisible()
  await expect(board.getByRole('listitem', { name: 'Carol' })).toContainText('Operational expert')
  await expect(board.getByRole('listitem', { name: 'Alice' })).toContainText('Communication Leader')

  const notes = page.getByRole('region', { name: 'Notes' })
  for (const [, text] of NOTES) await expect(notes.getByText(text)).toBeVisible()
  await expect(notes.getByLabel('New note')).toHaveValue('Draft being typed when the browser died')

  expect(await timelineSummaries(page, 'Roles')).toEqual([
    'Alice is Incident Handling Leader',
    'Carol is Operational expert',
    'Bob is Operational expert',
    'Incident Handling Leader handed over from Alice to Bob',
    'Alice is Communication Leader',
  ])
  expect(await timelineSummaries(page, 'Notes')).toEqual(
    NOTES.map(([kind, text]) => `${kind}: ${text}`),
  )
}

test('an incident worked through with people, roles and notes survives reload and a killed browser', async ({
  shell,
  launchBrowser,
  profileDir,
}) => {
  let context = await launchBrowser()
  let page = context.pages()[0] ?? (await context.newPage())
  await page.goto(shell.url)
  await declareIncident(page, { title: 'Checkout API returns 500s', leader: 'Alice' })

  // Tick items of the declaration stage, add one of our own.
  const checklist = page.getByRole('region', { name: 'Checklist' })
  await checklist
    .getByRole('checkbox', {
      name: 'Declare the incident and its severity in the incident channel',
    })
    .check()
  await checklist
    .getByRole('checkbox', {
      name: 'Page the on-call experts and the owner of the affected service',
    })
    .check()
  await checklist.getByLabel('New item for Declaration').fill('Check the status page')
  await checklist.getByRole('button', { name: 'Add' }).first().click()
  await expect(checklist.getByText(/Alice/).first()).toBeVisible()

  // People and roles, then hand the leader role over.
  const board = page.getByRole('region', { name: 'Role board' })
  for (const [name, team] of [
    ['Carol', 'Payments'],
    ['Bob', 'SRE'],
  ]) {
    const form = board.getByRole('form', { name: 'Add a person' })
    await form.getByLabel('Name').fill(name!)
    await form.getByLabel('Team').fill(team!)
    await form.getByLabel('Role').selectOption('operational-expert')
    await form.getByRole('button', { name: 'Add person' }).click()
  }
  await board.getByLabel('Hand Incident Handling Leader to').selectOption({ label: 'Bob' })
  await board.getByRole('button', { name: 'Hand over Incident Handling Leader' }).click()
  await expect(board.getByText('Incident Handling Leader: Bob')).toBeVisible()
  await board.getByLabel('Give Alice a role').selectOption('communication-leader')

  // Stage change.
  await page.getByLabel('Current stage').selectOption({ label: 'Understanding the incident' })

  // One note of each kind, typed and added with Enter.
  const notes = page.getByRole('region', { name: 'Notes' })
  for (const [kind, text] of NOTES) {
    await notes.getByLabel('Note kind').selectOption({ label: kind })
    await notes.getByLabel('New note').fill(text)
    await notes.getByLabel('New note').press('Enter')
    await expect(notes.getByRole('list', { name: 'Note list' }).getByText(text)).toBeVisible()
  }
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/All changes saved/)

  // Reload: everything is there.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Checkout API returns 500s' })).toBeVisible()

  // A draft typed, shown as saved, then the browser is killed (no chance to flush).
  await page
    .getByRole('region', { name: 'Notes' })
    .getByLabel('New note')
    .pressSequentially('Draft being typed when the browser died')
  await expect(page.getByRole('status', { name: 'Note save state' })).toHaveText('Saved')
  execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${profileDir}`])
  await context.close().catch(() => {})

  context = await launchBrowser()
  page = context.pages()[0] ?? (await context.newPage())
  await page.goto(shell.url)
  await expectRecordIntact(page)
})

test('the incident clock runs and a back-dated event lands in time order', async ({ app }) => {
  await declareIncident(app)
  const clock = app.getByRole('timer', { name: 'Time since declaration' })
  const first = await clock.textContent()
  await expect(clock).not.toHaveText(first!)

  const timeline = app.getByRole('region', { name: 'Timeline' })
  const earlier = new Date(Date.now() - 45 * 60_000)
  const local = new Date(earlier.getTime() - earlier.getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 16)
  await timeline.getByLabel('When').fill(local)
  await timeline.getByLabel('What happened').fill('Impact really started: first 500s in logs')
  await timeline.getByRole('button', { name: 'Add event' }).click()
  const rows = timeline.getByRole('list', { name: 'Timeline events' }).getByRole('listitem')
  await expect(rows.first()).toContainText('Impact really started')

  await timeline
    .getByRole('button', { name: 'Pin: Impact really started: first 500s in logs' })
    .click()
  await timeline.getByRole('button', { name: 'Pinned only' }).click()
  await expect(rows).toHaveCount(1)
})

test('the timeline follows the latest event, until someone scrolls back to read', async ({
  app,
}) => {
  await declareIncident(app)
  const timeline = app.getByRole('region', { name: 'Timeline' })
  const add = async (text: string) => {
    await timeline.getByLabel('What happened').fill(text)
    await timeline.getByRole('button', { name: 'Add event' }).click()
  }
  for (let i = 1; i <= 40; i++) await add(`Observation ${i}`)
  const row = (text: string) =>
    timeline.getByRole('listitem').filter({ hasText: new RegExp(`${text}(?!\\d)`) })
  const count = timeline.getByText(/^\d+ events$/)
  await expect(row('Observation 40')).toBeInViewport()
  await expect(timeline.getByRole('button', { name: 'Jump to latest' })).toBeHidden()

  // Reading history: new events do not pull the reader away.
  await timeline.getByTestId('timeline-scroller').hover()
  // Scrolled back to the first event (a wheel scroll is animated: under load one may stop
  // short, so the reader keeps scrolling until it is there), before the next event comes.
  await expect(async () => {
    await app.mouse.wheel(0, -2000)
    await expect(row('Observation 1')).toBeInViewport({ timeout: 1_000 })
  }).toPass()
  const jump = timeline.getByRole('button', { name: 'Jump to latest' })
  await expect(jump).toBeVisible()
  const before = parseInt((await count.textContent())!, 10)
  await add('Observation 41')
  await expect(count).toHaveText(`${before + 1} events`)
  await expect(row('Observation 1')).toBeInViewport()
  await expect(row('Observation 41')).not.toBeInViewport()

  await jump.click()
  await expect(row('Observation 41')).toBeInViewport()
  await expect(jump).toBeHidden()
})

test('incidents can be closed, archived, listed and resumed', async ({ app }) => {
  await declareIncident(app, { title: 'First incident' })
  await app.getByRole('button', { name: 'Close incident' }).click()
  await expect(app.getByRole('region', { name: 'Incident' })).toContainText('closed')
  await app.getByRole('button', { name: 'All incidents' }).click()
  await declareIncident(app, { title: 'Second incident', severity: 'SEV1' })
  await app.getByRole('button', { name: 'All incidents' }).click()

  const list = app.getByRole('region', { name: 'Incidents' })
  await expect(list.getByRole('listitem')).toHaveCount(2)
  await list.getByRole('button', { name: 'Open First incident' }).click()
  await app.getByRole('button', { name: 'Archive' }).click()
  await expect(app.getByRole('region', { name: 'Incident' })).toContainText('archived')
  await app.getByRole('button', { name: 'All incidents' }).click()
  await list.getByRole('button', { name: 'Resume Second incident' }).click()
  await app.reload()
  await expect(app.getByRole('heading', { name: 'Second incident' })).toBeVisible()
})

test('quick capture: Alt+N focuses the note box from the terminal', async ({ app }) => {
  await declareIncident(app)
  const terminal = app.getByRole('region', { name: 'Terminal' })
  await expect(terminal.getByRole('status')).toHaveText('Live')
  await terminal.click()
  await app.keyboard.press('Alt+n')
  await expect(app.getByRole('region', { name: 'Notes' }).getByLabel('New note')).toBeFocused()
})
