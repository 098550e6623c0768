/**
 * Issue 11: the gate cannot be fooled into letting keys through. An approved command that
 * removes the shell integration (`unset PROMPT_COMMAND`) leaves a shell that no longer says
 * when it sits at its prompt: the screen says so, typed keys are refused, and approved
 * commands still run, with their exit codes unknown.
 */
import type { Page } from '@playwright/test'
import { approveInRoom, guardedWorkspace, propose } from '../app-helpers'
import { expect, test } from '../fixtures'

/** Proposes as Bob, Carol's approval said in the room, runs; the card once it has ended. */
async function runApproved(page: Page, text: string, match: RegExp) {
  const commands = page.getByRole('region', { name: 'Commands' })
  await propose(page, text)
  const card = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: match })
  await approveInRoom(card, 'Carol')
  await card.getByRole('button', { name: 'Run' }).click()
  return commands
    .getByRole('list', { name: 'Recent commands' })
    .getByRole('article', { name: match })
}

test('after an approved command removes the shell integration, keys are refused and approved commands run with exit codes unknown', async ({
  app,
}) => {
  const { terminal, timeline } = await guardedWorkspace(app)
  const banner = terminal.getByRole('alert', { name: 'Shell integration lost' })
  await expect(banner).toHaveCount(0)

  const unset = await runApproved(app, 'unset PROMPT_COMMAND', /Proposal unset PROMPT_COMMAND/)
  await expect(banner).toBeVisible()
  await expect(banner).toContainText('Typed keys are refused')
  await expect(unset.getByLabel('Result')).toContainText('Exit code unknown')
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

  // An approved command still runs; whatever was typed before it would have run first.
  const later = await runApproved(app, 'echo "approved-$((6 * 7))"', /Proposal echo "approved/)
  await expect(later.getByLabel('Proposal status')).toHaveText(
    'Finished: shell integration lost: exit code unknown',
  )
  await expect(later.getByLabel('Result')).toContainText('Exit code unknown')
  await expect(later.getByLabel('Result')).toContainText('approved-42')
  await expect(terminal).toContainText('approved-42')
  await expect(terminal).not.toContainText('typed-42')
  await expect(banner).toBeVisible()
})
