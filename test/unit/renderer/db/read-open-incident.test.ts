import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { WarRoomDatabase, DATABASE_NAME } from '../../../../src/renderer/db/database'
import { readOpenIncident } from '../../../../src/renderer/db/read-open-incident'

/** A browser profile of its own: an empty IndexedDB. */
const freshBrowser = () => new IDBFactory()
const appDatabase = (indexedDB: IDBFactory) =>
  new WarRoomDatabase(DATABASE_NAME, { indexedDB, IDBKeyRange })

describe('reading the open incident before the app loads (start-up path)', () => {
  it('answers the incident the app remembered as open', async () => {
    const browser = freshBrowser()
    const db = appDatabase(browser)
    await db.settings.put({ key: 'open-incident', value: 'incident-42' })
    expect(await readOpenIncident(browser)).toBe('incident-42')
    // The app's own connection keeps working alongside.
    expect((await db.settings.get('open-incident'))?.value).toBe('incident-42')
    db.close()
  })

  it('answers null when no incident is open', async () => {
    const browser = freshBrowser()
    const db = appDatabase(browser)
    await db.settings.put({ key: 'open-incident', value: null })
    expect(await readOpenIncident(browser)).toBeNull()
    db.close()
  })

  it('on a first start answers null without creating the database, which the app then creates', async () => {
    const browser = freshBrowser()
    expect(await readOpenIncident(browser)).toBeNull()
    expect(await browser.databases()).toEqual([])
    const db = appDatabase(browser)
    await db.settings.put({ key: 'open-incident', value: 'incident-1' })
    expect(await readOpenIncident(browser)).toBe('incident-1')
    db.close()
  })

  it('does not keep the database open: a later upgrade is not blocked', async () => {
    const browser = freshBrowser()
    const db = appDatabase(browser)
    await db.settings.put({ key: 'open-incident', value: 'incident-7' })
    db.close()
    expect(await readOpenIncident(browser)).toBe('incident-7')
    const version = await new Promise<number>((resolve, reject) => {
      const request = browser.open(DATABASE_NAME, 10_000)
      request.onblocked = () => reject(new Error('the upgrade was blocked'))
      request.onsuccess = () => {
        resolve(request.result.version)
        request.result.close()
      }
      request.onerror = () => reject(request.error)
    })
    expect(version).toBe(10_000)
  })
})
