import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import { createAppStore } from '../../../../src/renderer/stores/app-store'
import type { StopGapTemplate } from '../../../../src/shared/commands/stop-gap-templates'

const dbs: WarRoomDatabase[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

const drain: StopGapTemplate = {
  id: 'drain',
  title: 'Drain the worker queue',
  tool: 'other',
  command: 'systemctl restart {{worker}}',
  builtIn: false,
}

async function storeOn(db: WarRoomDatabase) {
  const store = createAppStore()
  await store.getState().initRecord(db)
  return store
}

describe('stop-gap templates in the store', () => {
  it('shows "saving" until the template is committed, and a restart finds it', async () => {
    const db = new WarRoomDatabase(`templates-${Math.random().toString(36).slice(2)}`)
    dbs.push(db)
    const store = await storeOn(db)
    const saving = store.getState().saveTemplates([drain])
    expect(store.getState().customTemplates).toEqual([drain])
    expect(store.getState().pendingWrites).toBe(1)
    await saving
    expect(store.getState().pendingWrites).toBe(0)
    expect(store.getState().lastSavedAt).not.toBeNull()

    const restarted = await storeOn(db)
    await restarted.getState().loadTemplates()
    expect(restarted.getState().customTemplates).toEqual([drain])
  })

  it('a write that fails says so and does not stay "saving"', async () => {
    const db = new WarRoomDatabase(`templates-${Math.random().toString(36).slice(2)}`)
    dbs.push(db)
    const store = await storeOn(db)
    db.close()
    await store.getState().saveTemplates([drain])
    expect(store.getState().pendingWrites).toBe(0)
    expect(store.getState().storageError).toBeTruthy()
  })
})
