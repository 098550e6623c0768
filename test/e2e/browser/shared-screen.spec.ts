import type { Locator, Page } from '@playwright/test'
import {
  addPerson,
  approveInRoom,
  declareIncident,
  guardedWorkspace,
  propose,
} from '../app-helpers'
import { expect, test } from '../fixtures'

/** The spotlight's command: inside the viewport, at least 20 px, with its chips and tally. */
async function expectCommandInView(page: Page, spotlight: Locator, text: RegExp) {
  const command = spotlight.getByLabel('Command text')
  await expect(command).toContainText(text)
  await expect(command).toBeInViewport({ ratio: 1 })
  const fontSize = await command.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(fontSize).toBeGreaterThanOrEqual(20)
  await expect(spotlight.getByLabel('Approvals')).toBeInViewport()
  // The page itself does not scroll: the spotlight is where the room looks.
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0)
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}×${size.height} the waiting command is in the room's view, in the working view and when presenting`, async ({
    app,
  }) => {
    await app.setViewportSize(size)
    const { commands } = await guardedWorkspace(app)
    await propose(app, 'ｒｍ -rf ./cache', 'Bob')
    await propose(app, 'kubectl -n shop rollout undo deployment/checkout-api', 'Bob')
    const spotlight = app.getByRole('region', { name: 'Spotlight' })
    // The oldest first, the others counted.
    await expectCommandInView(app, spotlight, /cache/)
    await expect(spotlight.getByLabel('More waiting')).toHaveText('+1 more waiting')
    await expect(spotlight.getByLabel('Command text')).toContainText(
      'FULLWIDTH LATIN SMALL LETTER R',
    )
    await expect(spotlight.getByRole('note')).toContainText('Approval blocked')
    await expect(spotlight.getByLabel('Context')).toBeInViewport()
    // Scrolling the commands panel does not move it.
    await commands.getByRole('list', { name: 'Pending commands' }).scrollIntoViewIfNeeded()
    await expectCommandInView(app, spotlight, /cache/)

    await app.keyboard.press('Alt+P')
    await expect(app.getByRole('button', { name: 'Present' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expectCommandInView(app, spotlight, /cache/)
    const room = app.getByRole('region', { name: 'Incident' })
    await expect(room).toContainText('SEV2')
    await expect(room.getByLabel('Current stage')).toHaveText('Declaration')
    await expect(room.getByRole('timer', { name: 'Next stakeholder update' })).toBeVisible()
    // Forms and contact details are out of the room's view.
    await expect(app.getByRole('region', { name: 'Role board' })).toBeHidden()
    await expect(app.getByRole('form', { name: 'Propose a command' })).toBeHidden()
    await app.getByRole('button', { name: 'Present' }).click()
    await expect(app.getByRole('region', { name: 'Role board' })).toBeVisible()
  })
}

test('the room view window shows the same and follows the leader’s window live', async ({
  app,
}) => {
  await app.setViewportSize({ width: 1280, height: 720 })
  await guardedWorkspace(app)
  const [roomView] = await Promise.all([
    app.context().waitForEvent('page'),
    app.getByRole('button', { name: 'Open room view in a new window' }).click(),
  ])
  await roomView.setViewportSize({ width: 1280, height: 720 })
  await expect(roomView.getByRole('heading', { name: 'War Room — room view' })).toBeVisible()
  await expect(roomView.getByRole('region', { name: 'Terminal' }).getByRole('status')).toHaveText(
    'Live',
  )
  // It only watches: no proposal form, no break-glass.
  await expect(roomView.getByRole('button', { name: 'Break glass…' })).toHaveCount(0)

  await propose(app, 'systemctl restart checkout-api', 'Bob')
  const spotlight = roomView.getByRole('region', { name: 'Spotlight' })
  await expect(spotlight.getByLabel('Command text')).toContainText('systemctl restart', {
    timeout: 1_000,
  })
  await expectCommandInView(roomView, spotlight, /systemctl restart checkout-api/)
  await expect(spotlight.getByRole('button')).toHaveCount(0)

  // A stage change and an approval in the main window show there within a second.
  await app
    .getByRole('region', { name: 'Incident' })
    .getByLabel('Current stage')
    .selectOption({ label: 'Stop the bleeding' })
  await expect(
    roomView.getByRole('region', { name: 'Incident' }).getByLabel('Current stage'),
  ).toHaveText('Stop the bleeding', { timeout: 1_000 })
  const card = app
    .getByRole('region', { name: 'Commands' })
    .getByRole('article', { name: /systemctl restart/ })
  await approveInRoom(card, 'Carol')
  await expect(spotlight.getByLabel('Approvals')).toHaveText('1/1 approval', { timeout: 1_000 })
})

test('two windows on one incident see each other’s notes and ticks within a second, and a reload keeps all', async ({
  app,
}) => {
  await declareIncident(app)
  const second = await app.context().newPage()
  await second.goto(new URL('/', app.url()).toString())
  await expect(second.getByRole('region', { name: 'Incident' })).toBeVisible()

  const note = async (page: Page, text: string) => {
    const capture = page.getByRole('region', { name: 'Notes' }).getByLabel('New note')
    await capture.fill(text)
    await capture.press('Enter')
  }
  const tick = (page: Page, item: RegExp) =>
    page.getByRole('region', { name: 'Checklist' }).getByRole('checkbox', { name: item }).check()
  await note(app, 'Fact from the first window')
  await note(second, 'Hypothesis from the second window')
  await tick(app, /Declare the incident/)
  await tick(second, /Name the Incident Handling Leader/)

  for (const page of [app, second]) {
    const notes = page.getByRole('region', { name: 'Notes' })
    await expect(notes).toContainText('Fact from the first window', { timeout: 1_000 })
    await expect(notes).toContainText('Hypothesis from the second window', { timeout: 1_000 })
    const checklist = page.getByRole('region', { name: 'Checklist' })
    await expect(checklist.getByRole('checkbox', { name: /Declare the incident/ })).toBeChecked({
      timeout: 1_000,
    })
    await expect(
      checklist.getByRole('checkbox', { name: /Name the Incident Handling Leader/ }),
    ).toBeChecked({ timeout: 1_000 })
  }
  await second.close()
  await app.reload()
  const notes = app.getByRole('region', { name: 'Notes' })
  await expect(notes).toContainText('Fact from the first window')
  await expect(notes).toContainText('Hypothesis from the second window')
  await expect(
    app
      .getByRole('region', { name: 'Checklist' })
      .getByRole('checkbox', { name: /Name the Incident/ }),
  ).toBeChecked()
})

test('a secret in a proposed command never shows; the curtain hides the terminal and is recorded', async ({
  app,
}) => {
  const { terminal, timeline } = await guardedWorkspace(app)
  await addPerson(app, 'Dan')
  await propose(
    app,
    'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws s3 ls',
    'Bob',
  )
  await propose(app, 'mysql --password=hunter2secret -h db-2 -e "select 1"', 'Bob')
  const spotlight = app.getByRole('region', { name: 'Spotlight' })
  await expect(spotlight.getByLabel('Command text')).toContainText('AWS_SECRET_ACCESS_KEY=••••••')
  await expect(timeline).toContainText('--password=••••••')
  const html = await app.content()
  expect(html).not.toContain('wJalrXUtnFEMI')
  expect(html).not.toContain('hunter2secret')

  await terminal.getByRole('button', { name: 'Hide from the room' }).click()
  await expect(
    terminal.getByRole('status', { name: 'Terminal hidden from the room' }),
  ).toBeVisible()
  await expect(timeline).toContainText('Terminal hidden from the room (curtain)')
  // What a command prints behind the curtain stays off the cards, here and on every screen.
  const commands = app.getByRole('region', { name: 'Commands' })
  await propose(app, 'echo "behind-$((6 * 7))"', 'Bob')
  const card = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: /Proposal echo "behind/ })
  await approveInRoom(card, 'Carol')
  await card.getByRole('button', { name: 'Run' }).click()
  const ran = commands
    .getByRole('list', { name: 'Recent commands' })
    .getByRole('article', { name: /Proposal echo "behind/ })
  await expect(ran.getByLabel('Result')).toContainText('Exit code 0')
  await expect(ran.getByLabel('Output hidden')).toHaveText(
    'Output not shown: it ran behind the curtain (the command log keeps it).',
  )
  await expect(ran.getByLabel('Result')).not.toContainText('behind-42')
  await terminal.getByRole('button', { name: 'Show to the room' }).click()
  await expect(terminal.getByRole('status', { name: 'Terminal hidden from the room' })).toHaveCount(
    0,
  )
  await expect(timeline).toContainText('Terminal shown to the room again')
})
