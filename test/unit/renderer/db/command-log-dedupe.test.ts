import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { commandLogChange } from '../../../../src/shared/commands/command-log'
import type { CommandLogEntry } from '../../../../src/shared/commands/gate-model'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import { readCommandLog, verifyCommandLog } from '../../../../src/renderer/db/command-log-reader'
import { commitChanges } from '../../../../src/renderer/db/record-writer'

const name = `war-room-dedupe-${Math.random().toString(36).slice(2)}`
afterEach(async () => {
  await Dexie.delete(name)
})

function entry(seq: number, incidentId = 'inc-1', logId = 'log-1'): CommandLogEntry {
  return {
    kind: 'proposed',
    at: 1_000 + seq,
    incidentId,
    proposalId: `p-${seq}`,
    personId: 'bob',
    personName: 'Bob',
    text: `echo ${seq}`,
    hash: 'a'.repeat(64),
    note: null,
    context: null,
    approvers: [],
    exitCode: null,
    durationMs: null,
    output: null,
    hostLog: { logId, seq },
  }
}

const store = (db: WarRoomDatabase, e: CommandLogEntry) => commitChanges(db, [commandLogChange(e)])
const logged = async (db: WarRoomDatabase, incidentId = 'inc-1') =>
  (await readCommandLog(db, incidentId)).map((r) => r.payload.hostLog!.seq)
const timeline = async (db: WarRoomDatabase) =>
  (await db.events.where('incidentId').equals('inc-1').toArray()).length

describe('a gate-log entry stored twice', () => {
  it('is kept once, with one timeline line, whether it is the last entry or an earlier one', async () => {
    const db = new WarRoomDatabase(name)
    for (const seq of [1, 2, 3]) await store(db, entry(seq))
    const again = await store(db, entry(3))
    expect(again).toEqual({ events: [], commandLog: [] })
    await store(db, entry(2)) // delivered again after a later one was stored
    expect(await logged(db)).toEqual([1, 2, 3])
    expect(await timeline(db)).toBe(3)
    db.close()
  })

  it('is kept once when two windows store the same entries at the same time', async () => {
    const [a, b] = [new WarRoomDatabase(name), new WarRoomDatabase(name)]
    await Promise.all(
      [a, b].map(async (db) => {
        for (const seq of [1, 2, 3, 4]) await store(db, entry(seq))
      }),
    )
    expect(await logged(a)).toEqual([1, 2, 3, 4])
    expect(await timeline(a)).toBe(4)
    expect(await verifyCommandLog(a, 'inc-1')).toEqual({ intact: true, length: 4 })
    a.close()
    b.close()
  })

  it('is never taken for one already there because a later one of the same log is', async () => {
    const db = new WarRoomDatabase(name)
    await store(db, entry(1))
    await store(db, entry(3))
    await store(db, entry(2)) // late (it should not be, but it must not be lost)
    expect(await logged(db)).toEqual([1, 3, 2])
    db.close()
  })

  it('counts places per log and per incident: the same place in another log is another entry', async () => {
    const db = new WarRoomDatabase(name)
    await store(db, entry(1))
    await store(db, entry(2, 'inc-2'))
    await store(db, entry(1, 'inc-1', 'log-2')) // a new data directory starts a new log
    expect(await logged(db)).toEqual([1, 1])
    expect(await logged(db, 'inc-2')).toEqual([2])
    db.close()
  })
})
