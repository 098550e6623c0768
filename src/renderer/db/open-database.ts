import { WarRoomDatabase } from './database'

export interface DatabaseWatchers {
  /** Another window holds the old version open, so the upgrade waits. */
  onBlocked(): void
  /** Another window upgraded the schema: this one must reload. */
  onVersionChange(): void
}

/** Opens the record; rejects when IndexedDB is unavailable (private mode, disabled, broken). */
export async function openDatabase(watchers: DatabaseWatchers): Promise<WarRoomDatabase> {
  const db = new WarRoomDatabase()
  db.on('blocked', () => watchers.onBlocked())
  db.on('versionchange', () => {
    db.close()
    watchers.onVersionChange()
    return false
  })
  await db.open()
  return db
}
