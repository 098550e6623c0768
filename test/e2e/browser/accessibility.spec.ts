import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { guardedWorkspace, propose } from '../app-helpers'
import { expect, test } from '../fixtures'

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      where: v.nodes
        .slice(0, 8)
        .map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? n.failureSummary ?? ''}`),
    }))
}

test('no serious or critical accessibility violation on the incident list, the response, the closing view and the room view', async ({
  app,
}) => {
  await expect(app.getByRole('form', { name: 'Declare an incident' })).toBeVisible()
  expect(await seriousViolations(app), 'incident list').toEqual([])

  await guardedWorkspace(app)
  await propose(app, 'systemctl restart checkout-api', 'Bob')
  await expect(app.getByRole('region', { name: 'Spotlight' })).toBeVisible()
  expect(await seriousViolations(app), 'response view').toEqual([])

  await app.getByRole('button', { name: 'Present' }).click()
  expect(await seriousViolations(app), 'the window presenting').toEqual([])
  await app.getByRole('button', { name: 'Present' }).click()
  const [roomView] = await Promise.all([
    app.context().waitForEvent('page'),
    app.getByRole('button', { name: 'Open room view in a new window' }).click(),
  ])
  await expect(roomView.getByRole('region', { name: 'Spotlight' })).toBeVisible()
  expect(await seriousViolations(roomView), 'room view window').toEqual([])
  await roomView.close()

  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  await expect(app.getByRole('region', { name: 'Postmortem' })).toBeVisible()
  expect(await seriousViolations(app), 'closing view').toEqual([])
})
