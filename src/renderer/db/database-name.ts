/** The IndexedDB database holding the incident record (Dexie's name for it). */
export const DATABASE_NAME = 'war-room'
/** The object store of small per-window settings (see `Setting` in database.ts). */
export const SETTINGS_STORE = 'settings'
