import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { declareIncident } from '../../../../src/shared/incident/incident-acts'
import { tickItem } from '../../../../src/shared/incident/checklist-acts'
import { commandLogChange } from '../../../../src/shared/commands/command-log'
import { verifyChain } from '../../../../src/shared/commands/hash-chain'
import { ROW_TABLE_NAMES, type ChecklistItem } from '../../../../src/shared/incident/model'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import { listIncidents, loadIncidentRecord } from '../../../../src/renderer/db/record-reader'
import { commitChanges } from '../../../../src/renderer/db/record-writer'
import { describeStorageError } from '../../../../src/renderer/db/storage-errors'

let names: string[] = []
function freshName(): string {
  const name = `war-room-test-${Math.random().toString(36).slice(2)}`
  names.push(name)
  return name
}

afterEach(async () => {
  for (const name of names) await Dexie.delete(name)
  names = []
})

const ctx = (now: number) => {
  let n = 0
  return { now, actor: 'Alice', newId: () => `${now}-${++n}` }
}

const declaration = {
  title: 'Checkout down',
  severity: 'SEV2' as const,
  observed: '500s',
  impactStartedAt: null,
  leaderName: 'Alice',
  leaderTeam: 'SRE',
}

describe('incident database', () => {
  it('commits an act and its timeline events together, and loads them back in order', async () => {
    const db = new WarRoomDatabase(freshName())
    const { incident, change } = declareIncident(ctx(1_000), declaration)
    const stored = await commitChanges(db, [change])
    expect(stored.events.every((e) => typeof e.seq === 'number')).toBe(true)

    const item = change.changes.find((c) => c.table === 'checklist')!.put![0] as ChecklistItem
    await commitChanges(db, [tickItem(ctx(2_000), item)])

    const record = (await loadIncidentRecord(db, incident.id))!
    expect(record.checklist.find((i) => i.id === item.id)!.checkedAt).toBe(2_000)
    expect(record.events.map((e) => e.action)).toEqual([
      'incident.declared',
      'role.assigned',
      'checklist.ticked',
    ])
    expect((await listIncidents(db)).map((i) => i.id)).toEqual([incident.id])
    db.close()
  })

  it('has a store for every table of rows of the record, keyed by id, indexed by incident', () => {
    const db = new WarRoomDatabase(freshName())
    for (const table of ROW_TABLE_NAMES) {
      const { schema } = db.table(table)
      expect(schema.primKey.keyPath, table).toBe('id')
      expect(schema.idxByName.incidentId, table).toBeDefined()
    }
  })

  it('reads an incident back whole: rows in the record order, pins, the command log as stored', async () => {
    const db = new WarRoomDatabase(freshName())
    const { incident, change } = declareIncident(ctx(1_000), declaration)
    const early = {
      id: 'zz-role',
      incidentId: incident.id,
      personId: change.changes.find((c) => c.table === 'people')!.put![0]!.id,
      role: 'scribe' as const,
      assignedAt: 10,
      endedAt: null,
    }
    const declared = await commitChanges(db, [change])
    const logged = await commitChanges(db, [
      { changes: [{ table: 'roles', put: [early] }], events: [] },
      commandLogChange({
        kind: 'proposed',
        at: 2_000,
        incidentId: incident.id,
        proposalId: 'p-1',
        personId: null,
        personName: 'Alice',
        text: 'uptime',
        hash: 'a'.repeat(64),
        note: null,
        context: null,
        approvers: [],
        exitCode: null,
        durationMs: null,
        output: null,
      }),
      {
        changes: [],
        events: [],
        pins: [{ incidentId: incident.id, seq: declared.events[0]!.seq!, pinned: true, at: 3 }],
      },
    ])
    const record = (await loadIncidentRecord(db, incident.id))!
    // Assigned first, so first, although its id sorts last.
    expect(record.roles[0]!.id).toBe('zz-role')
    expect(record.pinned).toEqual(new Set([declared.events[0]!.seq]))
    expect(record.commandLog).toEqual(logged.commandLog)
    expect(record.commandLog.map((row) => row.payload.text)).toEqual(['uptime'])
    expect(verifyChain(record.commandLog)).toEqual({ intact: true, length: 1 })
    db.close()
  })

  it('writes nothing when one part of an act fails (atomic)', async () => {
    const db = new WarRoomDatabase(freshName())
    const { incident, change } = declareIncident(ctx(1_000), declaration)
    const broken = {
      ...change,
      // An event that cannot be stored (a function is not cloneable) aborts the whole act.
      events: [
        ...change.events,
        { ...change.events[0]!, summary: (() => 'x') as unknown as string },
      ],
    }
    await expect(commitChanges(db, [broken])).rejects.toThrow()
    expect(await db.incidents.get(incident.id)).toBeUndefined()
    expect(await db.events.count()).toBe(0)
    db.close()
  })

  it('upgrades v1 data to the current schema without losing anything', async () => {
    const name = freshName()
    const v1 = new Dexie(name)
    v1.version(1).stores({
      incidents: 'id, status, declaredAt',
      people: 'id, incidentId',
      roles: 'id, incidentId, personId',
      checklist: 'id, incidentId',
      notes: 'id, incidentId',
      actionItems: 'id, incidentId',
      events: '++seq, incidentId',
    })
    await v1.open()
    await v1.table('incidents').add({
      id: 'inc-1',
      title: 'Old incident',
      severity: 'SEV3',
      observed: 'slow',
      impactStartedAt: null,
      declaredAt: 100,
      declaredBy: 'Alice',
      status: 'active',
      stage: 'understanding',
      closedAt: null,
      archivedAt: null,
    })
    await v1.table('notes').add({
      id: 'note-1',
      incidentId: 'inc-1',
      kind: 'fact',
      text: 'written with v1',
      author: 'Alice',
      createdAt: 150,
      updatedAt: 150,
    })
    await v1.table('events').bulkAdd([
      {
        incidentId: 'inc-1',
        at: 100,
        recordedAt: 100,
        kind: 'incident',
        action: 'incident.declared',
        summary: 'declared',
        actor: 'Alice',
        refId: null,
      },
      {
        incidentId: 'inc-1',
        at: 150,
        recordedAt: 150,
        kind: 'note',
        action: 'note.fact',
        summary: 'Fact: written with v1',
        actor: 'Alice',
        refId: 'note-1',
      },
    ])
    v1.close()

    const db = new WarRoomDatabase(name)
    const record = (await loadIncidentRecord(db, 'inc-1'))!
    expect(record.incident).toMatchObject({
      title: 'Old incident',
      operatorId: null,
      updatedAt: 100,
    })
    expect(record.notes).toEqual([
      expect.objectContaining({ text: 'written with v1', draft: false, revision: 1 }),
    ])
    expect(record.events.map((e) => e.summary)).toEqual(['declared', 'Fact: written with v1'])
    expect(db.verno).toBe(5)
    db.close()
  })
})

describe('storage errors', () => {
  it('names a full disk, wrapped the way Dexie wraps it', () => {
    const quota = { name: 'AbortError', inner: { name: 'QuotaExceededError' } }
    expect(describeStorageError(quota)).toMatch(/Storage is full/)
    expect(describeStorageError({ name: 'MissingAPIError' })).toMatch(/unavailable/)
    expect(describeStorageError(new Error('boom'))).toMatch(/Saving failed: boom/)
  })
})
