import type { Page } from '@playwright/test'
import { guardedWorkspace, propose, approveInRoom } from '../app-helpers'
import { expect, test } from '../fixtures'

test('the app loads in the browser shell with a live, guarded terminal', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'War Room', level: 1 })).toBeVisible()
  const { terminal } = await guardedWorkspace(app)
  await expect(terminal.getByLabel('Shell activity')).toHaveText('guarded')
  // The token left the address bar: the screen is shared with a room.
  expect(app.url()).not.toContain('token=')
})

test('typed keys never reach the prompt; proposed, approved by another expert, the command runs once', async ({
  app,
}) => {
  const { terminal, commands, timeline } = await guardedWorkspace(app)
  await terminal.locator('.xterm').click()
  await app.keyboard.type('echo "war-room-$((6 * 7))"')
  await app.keyboard.press('Enter')
  const refused = terminal.getByRole('alert', { name: 'Typing refused' })
  await expect(refused).toContainText('the shell is at its prompt')
  await expect(terminal).not.toContainText('war-room-42')

  await refused.getByRole('button', { name: 'Propose this' }).click()
  const form = commands.getByRole('form', { name: 'Propose a command' })
  await expect(form.getByLabel('Command to propose')).toHaveValue('echo "war-room-$((6 * 7))"')
  await form.getByLabel('Propose as').selectOption({ label: 'Bob' })
  await form.getByRole('button', { name: 'Propose' }).click()

  const pending = commands.getByRole('list', { name: 'Pending commands' })
  const card = pending.getByRole('article', { name: /Proposal echo "war-room/ })
  await expect(card.getByLabel('Approvals')).toHaveText('0/1 approval')
  await expect(card.getByRole('button', { name: 'Run' })).toHaveCount(0)
  // The proposer is not offered as an approver.
  const approver = card.getByLabel('Approver')
  await expect(approver.locator('option', { hasText: 'Bob' })).toHaveCount(0)
  await approver.selectOption({ label: 'Carol' })
  await card.getByRole('button', { name: 'Record approval said in the room' }).click()
  await expect(card.getByLabel('Approvals')).toHaveText('1/1 approval')
  await card.getByRole('button', { name: 'Run' }).click()

  await expect(terminal).toContainText('war-room-42')
  const done = commands
    .getByRole('list', { name: 'Recent commands' })
    .getByRole('article', { name: /Proposal echo "war-room/ })
  await expect(done.getByLabel('Proposal status')).toHaveText('Finished')
  await expect(done.getByLabel('Result')).toContainText('Exit code 0')
  await expect(done.getByLabel('Result')).toContainText('war-room-42')
  await expect(timeline).toContainText(
    'Approved `echo "war-room-$((6 * 7))"` — Carol (in the room, recorded by Alice)',
  )
  await expect(timeline).toContainText(/`echo "war-room-\$\(\(6 \* 7\)\)"` exited 0 after/)
  await expect(pending.getByRole('article')).toHaveCount(0)

  // The log is hash-chained and verifies.
  await commands.getByRole('button', { name: 'Verify command log' }).click()
  // (proposed, approved, started, finished, after the role board and policy the gate took on)
  await expect(commands.getByLabel('Command log verdict')).toContainText(/intact \(\d+ entries/)
})

test('a failing command records its non-zero exit code', async ({ app }) => {
  const { commands, timeline } = await guardedWorkspace(app)
  await propose(app, "ls /no/such/dir; sh -c 'exit 3'")
  const card = commands.getByRole('article', { name: /Proposal ls \/no\/such\/dir/ })
  await approveInRoom(card, 'Carol')
  await card.getByRole('button', { name: 'Run' }).click()
  await expect(card.getByLabel('Result')).toContainText('Exit code 3')
  await expect(card.getByLabel('Result')).toContainText('No such file or directory')
  await expect(timeline).toContainText(/exited 3 after/)
})

test('a command that hides text is shown for what it is and cannot be approved', async ({
  app,
}) => {
  const { commands } = await guardedWorkspace(app)
  await propose(app, 'echo safe\u202e;hs.lave')
  const card = commands.getByRole('article', { name: /Proposal echo safe/ })
  await expect(card.getByLabel('Command text')).toContainText('RIGHT-TO-LEFT OVERRIDE')
  await expect(card.getByRole('note')).toContainText('Approval blocked')
  await card.getByLabel('Approver').selectOption({ label: 'Carol' })
  await expect(
    card.getByRole('button', { name: 'Record approval said in the room' }),
  ).toBeDisabled()
})

test('a risky command needs one more approval, and an edit voids approvals', async ({ app }) => {
  const { commands } = await guardedWorkspace(app)
  await propose(app, 'rm -rf /tmp/war-room-cache', 'Alice')
  const card = commands.getByRole('article', { name: /Proposal rm -rf/ })
  await expect(card.getByLabel('Risks')).toContainText('deletes files recursively')
  await expect(card.getByLabel('Approvals')).toHaveText('0/2 approvals')
  await approveInRoom(card, 'Bob')
  await expect(card.getByLabel('Approvals')).toHaveText('1/2 approvals')

  await card.getByRole('button', { name: 'Edit' }).click()
  const form = commands.getByRole('form', { name: 'Propose a command' })
  await form.getByLabel(/Command to propose/).fill('rm -rf /tmp/war-room-cache-old')
  await form.getByRole('button', { name: 'Propose' }).click()
  const edited = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: /cache-old/ })
  await expect(edited.getByLabel('Approvals')).toHaveText('0/2 approvals')
  const old = commands.getByRole('list', { name: 'Recent commands' }).getByRole('article')
  await expect(old.getByLabel('Proposal status')).toContainText('Withdrawn: edited')
})

test('a command that opens an interactive session or changes the shell says so and needs one more approval', async ({
  app,
}) => {
  const { commands } = await guardedWorkspace(app)
  await propose(app, 'kubectl exec -it api-7f9 -- sh', 'Alice')
  const session = commands.getByRole('article', { name: /Proposal kubectl exec/ })
  await expect(session.getByLabel('Risks')).toContainText(
    'opens an interactive session: each line typed into it runs without a proposal of its own',
  )
  await expect(session.getByLabel('Approvals')).toHaveText('0/2 approvals')

  await propose(app, 'source ./team-env.sh', 'Alice')
  const sourced = commands.getByRole('article', { name: /Proposal source/ })
  await expect(sourced.getByLabel('Risks')).toContainText(
    'runs code inside the guarded shell itself: it can change how later approved commands run',
  )
  await expect(sourced.getByLabel('Approvals')).toHaveText('0/2 approvals')

  // Given a command to run, the same program is not a session: the base approvals.
  await propose(app, 'kubectl exec api-7f9 -- ls /srv', 'Alice')
  const oneShot = commands.getByRole('article', { name: /Proposal kubectl exec api-7f9 -- ls/ })
  await expect(oneShot.getByLabel('Approvals')).toHaveText('0/1 approval')
})

test('break-glass needs a reason, turns the terminal red and is recorded', async ({ app }) => {
  const { terminal, timeline } = await guardedWorkspace(app)
  await terminal.getByRole('button', { name: 'Break glass…' }).click()
  const form = terminal.getByRole('form', { name: 'Break-glass' })
  await expect(form.getByRole('button', { name: 'Start break-glass' })).toBeDisabled()
  await form.getByLabel('Reason for direct typing').fill('interactive psql session needed')
  await form.getByRole('button', { name: 'Start break-glass' }).click()

  await expect(terminal).toHaveAttribute('data-break-glass', 'on')
  await expect(terminal.getByRole('alert', { name: 'Break-glass on' })).toContainText(
    'interactive psql session needed',
  )
  await terminal.locator('.xterm').click()
  await app.keyboard.type('echo "direct-$((2 + 3))"')
  await app.keyboard.press('Enter')
  await expect(terminal).toContainText('direct-5')

  await terminal.getByRole('button', { name: 'End break-glass' }).click()
  await expect(terminal).toHaveAttribute('data-break-glass', 'off')
  await expect(timeline).toContainText(
    'Break-glass: direct typing into the shell: interactive psql',
  )
  await expect(timeline).toContainText('Break-glass ended')
})

test('a stop-gap template fills the proposal box; a user template is kept', async ({ app }) => {
  const { commands } = await guardedWorkspace(app)
  const templates = commands.getByRole('group', { name: 'Stop-gap templates' })
  await templates
    .getByLabel('Stop-gap template')
    .selectOption({ label: 'Roll back a deployment (kubectl)' })
  await expect(templates.getByRole('button', { name: 'Fill proposal box' })).toBeDisabled()
  await templates.getByLabel('deployment', { exact: true }).fill('checkout')
  await templates.getByLabel('namespace', { exact: true }).fill('shop')
  await templates.getByRole('button', { name: 'Fill proposal box' }).click()
  await expect(commands.getByLabel('Command to propose')).toHaveValue(
    'kubectl rollout undo deployment/checkout -n shop',
  )

  await templates.getByRole('button', { name: 'New template' }).click()
  const editor = templates.getByRole('group', { name: 'Template editor' })
  await editor.getByLabel('Template title').fill('Drain the worker queue')
  await editor.getByLabel('Template command').fill('systemctl restart {{worker}}')
  await editor.getByRole('button', { name: 'Save template' }).click()
  await expect(app.getByRole('status', { name: 'Save status' })).toHaveText(/All changes saved/)
  await app.reload()
  const after = app.getByRole('group', { name: 'Stop-gap templates' })
  await after
    .getByLabel('Stop-gap template')
    .selectOption({ label: 'Drain the worker queue (other) · mine' })
  await expect(after.getByLabel('worker', { exact: true })).toBeVisible()
})

/** Pastes text as a clipboard would (a paste event with the text on its DataTransfer). */
async function paste(page: Page, selector: string, text: string) {
  await page
    .locator(selector)
    .first()
    .evaluate((element, text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    }, text)
}

test('hostile pastes are cleaned: nothing breaks out, several lines ask first', async ({ app }) => {
  const { terminal, commands } = await guardedWorkspace(app)
  const box = commands.getByLabel('Command to propose')

  // A clipboard that would end a bracketed paste early and run what follows.
  await paste(app, '#proposal-text', 'echo safe\u001b[201~; touch /tmp/pwned\u202e')
  await expect(box).toHaveValue('echo safe; touch /tmp/pwned')
  await expect(commands.getByRole('status').filter({ hasText: 'removed' })).toContainText(
    'hidden or control characters were removed',
  )

  // Several lines: the room is asked before they land in the box.
  await box.fill('')
  const questions: string[] = []
  app.once('dialog', (dialog) => {
    questions.push(dialog.message())
    void dialog.dismiss()
  })
  await paste(app, '#proposal-text', 'uptime\nreboot\n')
  await expect.poll(() => questions).toEqual([expect.stringContaining('2 lines')])
  await expect(box).toHaveValue('')

  // A paste into the guarded terminal never reaches the prompt: it goes to the box.
  await paste(app, '[aria-label="Terminal"] .xterm-helper-textarea', 'id -un')
  await expect(box).toHaveValue('id -un')
  await expect(terminal.getByRole('status', { name: 'Paste' })).toContainText(
    'went to the proposal box',
  )
})

test('the policy in force is shown and can be changed; a rejected command never runs', async ({
  app,
}) => {
  const { commands, timeline } = await guardedWorkspace(app)
  await expect(commands.getByLabel('Approval policy')).toContainText('1 operational expert')
  await commands.getByRole('button', { name: 'Change policy' }).click()
  const form = commands.getByRole('form', { name: 'Approval policy' })
  await form.getByLabel('Expert approvals').fill('2')
  await form.getByRole('button', { name: 'Save policy' }).click()
  await expect(commands.getByLabel('Approval policy')).toContainText('2 operational experts')
  await expect(timeline).toContainText('Approval: 2 operational experts')

  await propose(app, 'systemctl restart checkout', 'Alice')
  const card = commands.getByRole('article', { name: /systemctl restart checkout/ })
  await expect(card.getByLabel('Approvals')).toHaveText('0/2 approvals')
  await card.getByLabel('Approver').selectOption({ label: 'Carol' })
  await card.getByLabel('Comment').fill('wrong service, it is checkout-api')
  await card.getByRole('button', { name: 'Reject' }).click()
  await expect(card.getByLabel('Proposal status')).toContainText('Rejected')
  await expect(card.getByRole('button', { name: 'Run' })).toHaveCount(0)
  await expect(timeline).toContainText('Rejected `systemctl restart checkout`: wrong service')
})
