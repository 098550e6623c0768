import type { BrowserContext, Page } from '@playwright/test'
import { declareIncident } from '../app-helpers'
import { expect, test } from '../fixtures'

/**
 * Makes every IndexedDB write fail as it does when the disk is full: put/add throw a
 * QuotaExceededError and the transaction is rolled back. Raised at the API, so it hits
 * every write at once; the test with a real quota is below.
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

/** A quota far below what the incident already uses: every write that adds data is refused. */
const TINY_QUOTA_BYTES = 1
const ROOMY_QUOTA_BYTES = 1024 ** 3

/** Sets the origin's storage quota through the DevTools protocol (Storage domain). */
async function overrideQuota(context: BrowserContext, page: Page, origin: string, bytes: number) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes })
  const { quota, overrideActive } = await cdp.send('Storage.getUsageAndQuota', { origin })
  expect({ quota, overrideActive }).toEqual({ quota: bytes, overrideActive: true })
}

/**
 * Chromium's IndexedDB remembers the space the quota manager last granted and lets small
 * commits use it without asking again for up to 30 s (BucketContext::
 * kBucketSpaceCacheTimeLimit). A quota lowered in a running browser is therefore only
 * enforced half a minute later; lowered in a freshly started browser before the app's first
 * write, it is enforced at the first commit. So the browser is restarted on the same profile
 * (the saved incident stays on disk) and the quota set before the app is opened.
 */
test('a real quota runs out at commit: the banner says so, nothing saved is lost, Retry saves once there is room', async ({
  shell,
  launchBrowser,
}) => {
  const origin = new URL(shell.url).origin
  let context = await launchBrowser()
  let page = context.pages()[0] ?? (await context.newPage())
  await page.goto(shell.url)
  await declareIncident(page)
  let notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByLabel('New note').fill('Saved before the quota ran out')
  await notes.getByLabel('New note').press('Enter')
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/All changes saved/)
  await context.close()

  context = await launchBrowser()
  page = context.pages()[0] ?? (await context.newPage())
  await overrideQuota(context, page, origin, TINY_QUOTA_BYTES)
  await page.goto(shell.url)
  notes = page.getByRole('region', { name: 'Notes' })
  await expect(notes.getByText('Saved before the quota ran out')).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)

  await notes.getByLabel('New note').pressSequentially('Typed when the quota ran out')
  await expect(page.getByRole('alert')).toContainText('Storage is full')
  await expect(page.getByRole('status', { name: 'Note save state' })).toHaveText('Not saved')
  const checklist = page.getByRole('region', { name: 'Checklist' })
  const item = checklist.getByRole('checkbox', { name: 'Send the first stakeholder update' })
  await item.check()
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Not saved')
  await expect(notes.getByText('Saved before the quota ran out')).toBeVisible()
  await expect(notes.getByLabel('New note')).toHaveValue('Typed when the quota ran out')

  await overrideQuota(context, page, origin, ROOMY_QUOTA_BYTES)
  await page.getByRole('button', { name: 'Retry saving' }).click()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/All changes saved/)

  await page.reload()
  await expect(notes.getByText('Saved before the quota ran out')).toBeVisible()
  await expect(notes.getByLabel('New note')).toHaveValue('Typed when the quota ran out')
  await expect(item).toBeChecked()
})
