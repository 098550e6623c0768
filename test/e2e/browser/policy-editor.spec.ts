import type { Page } from '@playwright/test'
import { guardedWorkspace, propose } from '../app-helpers'
import { expect, test } from '../fixtures'

const ALLOW_LIST_LABEL = /Read-only allow-list/

/** Opens the policy editor from the keyboard: focus on "Change policy", Enter. */
async function openEditor(page: Page) {
  const commands = page.getByRole('region', { name: 'Commands' })
  await commands.getByRole('button', { name: 'Change policy' }).focus()
  await page.keyboard.press('Enter')
  const form = commands.getByRole('form', { name: 'Approval policy' })
  await expect(form.getByLabel('Expert approvals')).toBeFocused()
  return form
}

test('the policy is changed with the keyboard alone: typed allow-list, approval sources, saved with Enter', async ({
  app,
}) => {
  const { commands, timeline } = await guardedWorkspace(app)
  const line = commands.getByLabel('Approval policy', { exact: true })
  await expect(line).toContainText('approvals from own devices or said in the room')
  const form = await openEditor(app)

  // Expert approvals 1 → 2 with the arrow key, then the leader must approve too.
  await app.keyboard.press('ArrowUp')
  await expect(form.getByLabel('Expert approvals')).toHaveValue('2')
  await app.keyboard.press('Tab')
  await expect(form.getByLabel('The Incident Handling Leader must approve too')).toBeFocused()
  await app.keyboard.press('Space')
  await expect(form.getByLabel('The Incident Handling Leader must approve too')).toBeChecked()

  // Past the two number fields to the approval sources: own device only.
  await app.keyboard.press('Tab')
  await app.keyboard.press('Tab')
  await app.keyboard.press('Tab')
  const room = form.getByRole('radio', { name: /Own device or said in the room/ })
  await expect(room).toBeFocused()
  await expect(room).toBeChecked()
  await app.keyboard.press('ArrowUp')
  await expect(form.getByRole('radio', { name: 'Own device only' })).toBeChecked()

  // The allow-list, typed key by key: spaces and new lines stay as typed.
  await app.keyboard.press('Tab')
  const allowList = form.getByLabel(ALLOW_LIST_LABEL)
  await expect(allowList).toBeFocused()
  await app.keyboard.type('kubectl get')
  await app.keyboard.press('Enter')
  await app.keyboard.type('df -h ')
  await expect(allowList).toHaveValue('kubectl get\ndf -h ')

  // Back to the expiry field and Enter: the form is submitted.
  await app.keyboard.press('Shift+Tab')
  await app.keyboard.press('Shift+Tab')
  await expect(form.getByLabel('Expire proposals after (minutes)')).toBeFocused()
  await app.keyboard.press('Enter')

  await expect(form).toHaveCount(0)
  await expect(commands.getByRole('button', { name: 'Change policy' })).toBeFocused()
  const described =
    'Approval: 2 operational experts and the Incident Handling Leader other than the proposer; risky commands +1; approvals from own devices only; expires after 15 min; allow-listed (read-only): kubectl get, df -h'
  await expect(line).toHaveText(described)
  await expect(timeline).toContainText(described)

  // In force at the host: an allow-listed command needs no approval.
  await propose(app, 'kubectl get pods', 'Bob')
  const card = commands.getByRole('article', { name: 'Proposal kubectl get pods' })
  await expect(card.getByLabel('Approvals')).toHaveText('allow-listed (read-only)')
  await expect(card.getByRole('button', { name: 'Run' })).toBeVisible()

  // Reopened, the editor shows the policy in force.
  await openEditor(app)
  await expect(form.getByLabel(ALLOW_LIST_LABEL)).toHaveValue('kubectl get\ndf -h')
  await expect(form.getByRole('radio', { name: 'Own device only' })).toBeChecked()
})

test('a policy the host would refuse is not saved: the reason is shown next to the field', async ({
  app,
}) => {
  const { commands, timeline } = await guardedWorkspace(app)
  const line = commands.getByLabel('Approval policy', { exact: true })
  const before = await line.textContent()
  const form = await openEditor(app)

  const allowList = form.getByLabel(ALLOW_LIST_LABEL)
  await allowList.focus()
  await app.keyboard.type('df')
  await app.keyboard.press('Enter')
  await allowList.pressSequentially(`kubectl get ${'x'.repeat(200)}`, { delay: 0 })
  await form.getByRole('button', { name: 'Save policy' }).press('Enter')

  await expect(allowList).toHaveAttribute('aria-invalid', 'true')
  await expect(allowList).toHaveAccessibleDescription(/^Line 2: .*200 characters/)
  await expect(form).toBeVisible()

  // Fixed on the spot (the long line removed), the error goes as soon as the text changes.
  await allowList.focus()
  await app.keyboard.press('Control+A')
  await app.keyboard.type('df')
  await expect(allowList).toHaveAttribute('aria-invalid', 'false')

  // Escape leaves without saving: nothing changed in force or on the timeline.
  await app.keyboard.press('Escape')
  await expect(form).toHaveCount(0)
  await expect(commands.getByRole('button', { name: 'Change policy' })).toBeFocused()
  await expect(line).toHaveText(before!)
  await expect(timeline).not.toContainText('allow-listed')
})

test('a number out of range is refused with the reason; Escape keeps the policy in force', async ({
  app,
}) => {
  const { commands, timeline } = await guardedWorkspace(app)
  const line = commands.getByLabel('Approval policy', { exact: true })
  const form = await openEditor(app)

  await app.keyboard.press('Control+A')
  await app.keyboard.type('9')
  await app.keyboard.press('Enter')
  const experts = form.getByLabel('Expert approvals')
  await expect(experts).toHaveAttribute('aria-invalid', 'true')
  await expect(experts).toHaveAccessibleDescription(/5/)
  await expect(form).toBeVisible()

  await app.keyboard.press('Escape')
  await expect(line).toContainText('Approval: 1 operational expert other than the proposer')
  await expect(timeline).not.toContainText('Approval:')
})
