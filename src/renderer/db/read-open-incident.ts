import { DATABASE_NAME, SETTINGS_STORE } from './database-name'

/**
 * Which incident this browser had open, read straight from IndexedDB without Dexie (the
 * start-up path runs before the app's bundle is loaded: see src/renderer/boot.ts). It never creates
 * or upgrades the database: a browser with none yet answers null, and Dexie later creates
 * it at its own version. The connection is closed at once, so it cannot hold up an upgrade.
 */
export function readOpenIncident(factory: IDBFactory = indexedDB): Promise<string | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest
    try {
      request = factory.open(DATABASE_NAME)
    } catch {
      resolve(null)
      return
    }
    // No database yet: opening would create an empty one at version 1. Abort instead.
    request.onupgradeneeded = () => request.transaction?.abort()
    request.onerror = () => resolve(null)
    request.onblocked = () => resolve(null)
    request.onsuccess = () => {
      const db = request.result
      try {
        if (!db.objectStoreNames.contains(SETTINGS_STORE)) {
          resolve(null)
          return
        }
        const get = db
          .transaction(SETTINGS_STORE, 'readonly')
          .objectStore(SETTINGS_STORE)
          .get('open-incident')
        get.onsuccess = () => {
          const row: unknown = get.result
          const value =
            row && typeof row === 'object' && 'value' in row
              ? (row as { value: unknown }).value
              : null
          resolve(typeof value === 'string' && value ? value : null)
        }
        get.onerror = () => resolve(null)
      } catch {
        resolve(null)
      } finally {
        db.close() // closes once the read transaction is done
      }
    }
  })
}
