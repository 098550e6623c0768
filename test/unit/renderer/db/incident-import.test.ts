import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import {
  EVENT_BLOCK_SIZE,
  importClash,
  writeImportedIncident,
} from '../../../../src/renderer/db/incident-import'
import { commitChanges } from '../../../../src/renderer/db/record-writer'
import { event } from '../../../../src/shared/incident/change'
import { loadIncidentRecord } from '../../../../src/renderer/db/record-reader'
import { verifyCommandLog } from '../../../../src/renderer/db/command-log-reader'
import { asImportedCopy } from '../../../../src/shared/export/import-copy'
import {
  parseIncidentFile,
  serializeIncidentFile,
  toIncidentFile,
  type ImportedIncident,
} from '../../../../src/shared/export/incident-file'
import { fixtureIncident, T0 } from '../../../support/incident-fixture'

const name = `war-room-import-${Math.random().toString(36).slice(2)}`
afterEach(async () => {
  await Dexie.delete(name)
})

async function fromFile(json: string): Promise<ImportedIncident> {
  const result = await parseIncidentFile(json)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

const fixtureFile = () =>
  serializeIncidentFile(
    toIncidentFile(fixtureIncident({ pinned: [2, 5] }), { now: T0, exportedBy: 'test' }),
  )

describe('importing an incident into the record', () => {
  it('writes everything, pins and command log included, and exports it back the same', async () => {
    const db = new WarRoomDatabase(name)
    await writeImportedIncident(db, await fromFile(fixtureFile()))
    const read = await loadIncidentRecord(db, 'inc-1')
    expect(read!.pinned.size).toBe(2)
    expect(await verifyCommandLog(db, 'inc-1')).toMatchObject({ intact: true })
    const again = serializeIncidentFile(toIncidentFile(read!, { now: T0, exportedBy: 'test' }))
    expect(JSON.parse(again)).toEqual(JSON.parse(fixtureFile()))
  })

  it('keeps both when asked: the copy is a second incident, the original untouched', async () => {
    const db = new WarRoomDatabase(name)
    const imported = await fromFile(fixtureFile())
    await writeImportedIncident(db, imported)
    expect(await importClash(db, imported.snapshot)).toBe('incident')
    await expect(writeImportedIncident(db, imported)).rejects.toThrow(/already exists/)
    const copy = asImportedCopy(imported, () => crypto.randomUUID())
    await writeImportedIncident(db, copy)
    expect(await db.incidents.count()).toBe(2)
    expect(await verifyCommandLog(db, copy.snapshot.incident.id)).toMatchObject({ intact: true })
    expect((await loadIncidentRecord(db, 'inc-1'))!.events).toHaveLength(12)
  })

  it('sees when only some row ids of another incident are taken (ids are global keys)', async () => {
    const db = new WarRoomDatabase(name)
    const imported = await fromFile(fixtureFile())
    await writeImportedIncident(db, imported)
    const other = { ...imported.snapshot, incident: { ...imported.snapshot.incident, id: 'inc-2' } }
    expect(await importClash(db, other)).toBe('rows')
    const fresh = asImportedCopy(imported, () => crypto.randomUUID()).snapshot
    expect(await importClash(db, fresh)).toBe('none')
  })

  it('a large incident: events stored in blocks read back whole and in order, pins kept, and a later event numbered after them', async () => {
    const db = new WarRoomDatabase(name)
    const count = EVENT_BLOCK_SIZE * 2 + 3
    const big = () =>
      serializeIncidentFile(
        toIncidentFile(fixtureIncident({ events: count, pinned: [2, EVENT_BLOCK_SIZE + 7] }), {
          now: T0,
          exportedBy: 'test',
        }),
      )
    await writeImportedIncident(db, await fromFile(big()))
    // A few rows, not one per event.
    expect(await db.events.count()).toBe(2)
    expect(await db.eventBlocks.count()).toBe(3)

    const read = (await loadIncidentRecord(db, 'inc-1'))!
    const seqs = read.events.map((e) => e.seq!)
    expect(new Set(seqs).size).toBe(read.events.length)
    expect(read.pinned.size).toBe(2)
    expect(
      JSON.parse(serializeIncidentFile(toIncidentFile(read, { now: T0, exportedBy: 'test' }))),
    ).toEqual(JSON.parse(big()))

    const context = { now: T0 + 1, newId: () => 'n', actor: 'Alice' }
    const later = event(context, 'inc-1', {
      kind: 'note',
      action: 'note.fact',
      summary: 'later',
      at: T0,
    })
    const stored = await commitChanges(db, [{ changes: [], events: [later] }])
    expect(stored.events[0]!.seq).toBeGreaterThan(Math.max(...seqs))
    const again = (await loadIncidentRecord(db, 'inc-1'))!
    expect(again.events).toHaveLength(read.events.length + 1)
    expect(again.events.map((e) => e.at)).toEqual(
      [...again.events.map((e) => e.at)].sort((a, b) => a - b),
    )
  })

  it('writes nothing when any part of the import fails', async () => {
    const db = new WarRoomDatabase(name)
    const imported = await fromFile(fixtureFile())
    // Two notes with the same id: the last bulkAdd of the transaction fails.
    const broken = {
      ...imported,
      snapshot: {
        ...imported.snapshot,
        notes: [imported.snapshot.notes[0]!, imported.snapshot.notes[0]!],
      },
    }
    await expect(writeImportedIncident(db, broken)).rejects.toThrow()
    expect(await db.incidents.count()).toBe(0)
    expect(await db.events.count()).toBe(0)
    expect(await db.eventBlocks.count()).toBe(0)
    expect(await db.commandLog.count()).toBe(0)
  })
})
