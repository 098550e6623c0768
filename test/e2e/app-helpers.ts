import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

export interface DeclareOptions {
  title?: string
  leader?: string
  severity?: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4'
}

/** Declares an incident through the form, as a leader would, and waits for the workspace. */
export async function declareIncident(page: Page, options: DeclareOptions = {}): Promise<void> {
  const form = page.getByRole('form', { name: 'Declare an incident' })
  await form.getByLabel('Title').fill(options.title ?? 'Checkout API returns 500s')
  await form.getByLabel('Severity').selectOption(options.severity ?? 'SEV2')
  await form.getByLabel('What is observed').fill('Error rate above 30% on /checkout')
  await form.getByLabel('Your name (Incident Handling Leader)').fill(options.leader ?? 'Alice')
  await form.getByLabel('Your team').fill('SRE')
  await form.getByRole('button', { name: 'Declare incident' }).click()
  await expect(page.getByRole('region', { name: 'Incident' })).toBeVisible()
}

export async function liveTerminal(page: Page) {
  const terminal = page.getByRole('region', { name: 'Terminal' })
  await expect(terminal.getByRole('status')).toHaveText('Live')
  return terminal
}

/** Adds someone to the role board with a role, as the leader would. */
export async function addPerson(
  page: Page,
  name: string,
  role: 'operational-expert' | 'service-owner' | 'stakeholder' = 'operational-expert',
): Promise<void> {
  const board = page.getByRole('region', { name: 'Role board' })
  const form = board.getByRole('form', { name: 'Add a person' })
  const card = board.getByRole('listitem', { name, exact: true })
  // On the board before the next step. Once, under CI load, the first add right after
  // declaring never reached the board (the click did not submit the form); the form is
  // filled and sent again only if the person is still not there after 10 s.
  await expect(async () => {
    if (await card.count()) return
    await form.getByLabel('Name').fill(name)
    await form.getByLabel('Team').fill('SRE')
    await form.getByLabel('Role').selectOption(role)
    await form.getByRole('button', { name: 'Add person' }).click()
    await expect(card).toBeVisible({ timeout: 10_000 })
  }).toPass({ timeout: 25_000 })
}

/** An incident with Alice leading and Bob and Carol as operational experts, terminal guarded. */
export async function guardedWorkspace(page: Page) {
  await declareIncident(page)
  await addPerson(page, 'Bob')
  await addPerson(page, 'Carol')
  const terminal = await liveTerminal(page)
  const commands = page.getByRole('region', { name: 'Commands' })
  await expect(commands.getByText('shell integration on')).toBeVisible()
  return { terminal, commands, timeline: page.getByRole('region', { name: 'Timeline' }) }
}

/** Puts a command in the proposal box and proposes it in someone's name. */
export async function propose(page: Page, text: string, as = 'Bob') {
  const form = page.getByRole('form', { name: 'Propose a command' })
  await form.getByLabel('Command to propose').fill(text)
  await form.getByLabel('Propose as').selectOption({ label: as })
  await form.getByRole('button', { name: 'Propose' }).click()
}

/**
 * Records on the leader's screen an approval someone gave aloud in the room (it counts
 * under the default policy, and is recorded as "in the room, recorded by" the leader).
 */
export async function approveInRoom(card: Locator, who: string) {
  await card.getByLabel('Approver').selectOption({ label: who })
  await card.getByRole('button', { name: 'Record approval said in the room' }).click()
}
