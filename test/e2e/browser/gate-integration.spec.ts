/**
 * Issue 11: the gate cannot be fooled into letting keys through. An approved command that
 * replaces the shell (`exec bash --norc`) leaves one that no longer says when it sits at its
 * prompt: the screen says so, typed keys are refused, and no approved command is written
 * into it (the shell might be waiting for the rest of a line); a new shell carries on.
 */
import type { Page } from '@playwright/test'
import { addPerson, approveInRoom, guardedWorkspace, propose } from '../app-helpers'
import { expect, test } from '../fixtures'

/** Proposes as Bob, the approvals said in the room, runs; the card once it has ended. */
async function runApproved(page: Page, text: string, match: RegExp, approvers = ['Carol']) {
  const commands = page.getByRole('region', { name: 'Commands' })
  await propose(page, text)
  const card = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: match })
  for (const who of approvers) await approveInRoom(card, who)
  await card.getByRole('button', { name: 'Run' }).click()
  return commands
    .getByRole('list', { name: 'Recent commands' })
    .getByRole('article', { name: match })
}

test('after an approved command removes the shell integration, keys are refused and nothing more is written until a new shell', async ({
  app,
}) => {
  const { terminal, timeline } = await guardedWorkspace(app)
  const banner = terminal.getByRole('alert', { name: 'Shell integration lost' })
  await expect(banner).toHaveCount(0)

  // Replacing the shell is risky (it changes the guarded shell itself): two approvals.
  await addPerson(app, 'Dave')
  const replaced = await runApproved(app, 'exec bash --norc', /Proposal exec bash --norc/, [
    'Carol',
    'Dave',
  ])
  await expect(banner).toBeVisible({ timeout: 15_000 })
  await expect(banner).toContainText('Typed keys are refused')
  await expect(replaced.getByLabel('Result')).toContainText('Exit code unknown')
  await expect(terminal.getByLabel('Shell activity')).toHaveText(
    'shell integration lost: keys refused',
  )
  await expect(timeline).toContainText('Shell integration lost')

  // Typing at the terminal: refused, and said so.
  await terminal.locator('.xterm').click()
  await app.keyboard.type('echo "typed-$((6 * 7))"')
  await app.keyboard.press('Enter')
  const refused = terminal.getByRole('alert', { name: 'Typing refused' })
  await expect(refused).toContainText('shell integration lost: keys are refused')

  // An approved command waits: Run stays off while the shell is in a state nobody knows.
  const commands = app.getByRole('region', { name: 'Commands' })
  await propose(app, 'echo "approved-$((6 * 7))"')
  const card = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: /Proposal echo "approved/ })
  await approveInRoom(card, 'Carol')
  await expect(card.getByRole('button', { name: 'Run' })).toBeDisabled()

  // A new shell carries on, with its integration on.
  app.once('dialog', (dialog) => void dialog.accept())
  await terminal.getByRole('button', { name: 'Close terminal' }).click()
  await terminal.getByRole('button', { name: 'Start a new shell' }).click()
  await expect(terminal.getByRole('status')).toHaveText('Live')
  await expect(banner).toHaveCount(0)
  const later = await runApproved(app, 'echo "fresh-$((6 * 7))"', /Proposal echo "fresh/)
  await expect(later.getByLabel('Result')).toContainText('fresh-42')
  await expect(terminal).not.toContainText('typed-42')
})
