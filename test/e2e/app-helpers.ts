import type { Page } from '@playwright/test'
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
