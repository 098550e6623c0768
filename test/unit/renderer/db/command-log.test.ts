import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { commandLogChange } from '../../../../src/shared/commands/command-log'
import type { CommandLogEntry } from '../../../../src/shared/commands/gate-model'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import { readCommandLog, verifyCommandLog } from '../../../../src/renderer/db/command-log-reader'
import { commitChanges } from '../../../../src/renderer/db/record-writer'

const name = `war-room-log-${Math.random().toString(36).slice(2)}`
afterEach(async () => {
  await Dexie.delete(name)
})

function entry(kind: CommandLogEntry['kind'], incidentId: string, at: number): CommandLogEntry {
  return {
    kind,
    at,
    incidentId,
    proposalId: 'p1',
    personId: 'bob',
    personName: 'Bob',
    text: 'systemctl restart api',
    hash: 'a'.repeat(64),
    note: null,
    context: null,
    approvers: kind === 'started' ? ['Carol'] : [],
    exitCode: kind === 'finished' ? 1 : null,
    durationMs: kind === 'finished' ? 1500 : null,
    output: kind === 'finished' ? 'failed' : null,
  }
}

describe('command log in the record', () => {
  it('chains each incident’s entries, writes a timeline line for each, and detects tampering', async () => {
    const db = new WarRoomDatabase(name)
    for (const [i, kind] of (['proposed', 'approved', 'started', 'finished'] as const).entries()) {
      await commitChanges(db, [commandLogChange(entry(kind, 'inc-1', 1000 + i))])
      // Another incident's log interleaves: each chain stays its own.
      await commitChanges(db, [commandLogChange(entry(kind, 'inc-2', 1000 + i))])
    }
    const rows = await readCommandLog(db, 'inc-1')
    expect(rows.map((r) => r.payload.kind)).toEqual(['proposed', 'approved', 'started', 'finished'])
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash)
    expect(await verifyCommandLog(db, 'inc-1')).toEqual({ intact: true, length: 4 })
    const events = await db.events.where('incidentId').equals('inc-1').toArray()
    expect(events.map((e) => e.summary)).toContain('`systemctl restart api` exited 1 after 1.5 s')

    // Someone edits the exit code afterwards: the chain says where.
    await db.commandLog.update(rows[3]!.seq!, { 'payload.exitCode': 0 })
    expect(await verifyCommandLog(db, 'inc-1')).toEqual({
      intact: false,
      brokenAt: 3,
      reason: 'content changed',
    })
    // Deleting an entry breaks the link of the next one.
    await db.commandLog.delete(rows[1]!.seq!)
    expect(await verifyCommandLog(db, 'inc-1')).toMatchObject({ intact: false, brokenAt: 1 })
    expect(await verifyCommandLog(db, 'inc-2')).toEqual({ intact: true, length: 4 })
    db.close()
  })
})
