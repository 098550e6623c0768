import type { Page } from '@playwright/test'
import { declareIncident } from '../app-helpers'
import { expect, test } from '../fixtures'

/**
 * Makes every IndexedDB write fail as it does when the disk is full: put/add throw a
 * QuotaExceededError and the transaction is rolled back. (Chromium's CDP quota override
 * was not enforced for IndexedDB writes here, so the error is raised at the API instead.)
 */
async function setDiskFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((full) => {
    const w = window as unknown as { __realPut?: unknown; __realAdd?: unknown }
    const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>
    w.__realPut ??= proto.put
    w.__realAdd ??= proto.add
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    proto.put = full ? quota : w.__realPut
    proto.add = full ? quota : w.__realAdd
  }, full)
}

test('a full disk is shown, nothing typed is lost, and Retry saves it', async ({ app }) => {
  await declareIncident(app)
  const notes = app.getByRole('region', { name: 'Notes' })
  await notes.getByLabel('New note').fill('Saved before the disk filled up')
  await notes.getByLabel('New note').press('Enter')
  await expect(app.getByRole('status', { name: 'Save status' })).toHaveText(/All changes saved/)

  await setDiskFull(app, true)

  await notes.getByLabel('Note kind').selectOption({ label: 'Decision' })
  await notes.getByLabel('New note').fill('Typed while the disk is full')
  await expect(app.getByRole('alert')).toContainText('Storage is full')
  await expect(app.getByRole('status', { name: 'Note save state' })).toHaveText('Not saved')
  const checklist = app.getByRole('region', { name: 'Checklist' })
  const item = checklist.getByRole('checkbox', { name: 'Send the first stakeholder update' })
  await item.check()
  await expect(item).toBeChecked()
  await expect(app.getByRole('status', { name: 'Save status' })).toHaveText('Not saved')
  await expect(notes.getByLabel('New note')).toHaveValue('Typed while the disk is full')

  // Space again: Retry writes everything that was kept on screen.
  await setDiskFull(app, false)
  await app.getByRole('button', { name: 'Retry saving' }).click()
  await expect(app.getByRole('alert')).toHaveCount(0)
  await expect(app.getByRole('status', { name: 'Save status' })).toHaveText(/All changes saved/)

  await app.reload()
  await expect(notes.getByText('Saved before the disk filled up')).toBeVisible()
  await expect(notes.getByLabel('New note')).toHaveValue('Typed while the disk is full')
  await expect(
    app
      .getByRole('region', { name: 'Checklist' })
      .getByRole('checkbox', { name: 'Send the first stakeholder update' }),
  ).toBeChecked()
})
