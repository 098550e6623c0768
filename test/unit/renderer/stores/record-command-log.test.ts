import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { commandLogChange } from '../../../../src/shared/commands/command-log'
import type { CommandLogEntry } from '../../../../src/shared/commands/gate-model'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import { loadIncidentRecord } from '../../../../src/renderer/db/record-reader'
import { createAppStore } from '../../../../src/renderer/stores/app-store'

const name = `store-log-${Math.random().toString(36).slice(2)}`
afterEach(async () => {
  await Dexie.delete(name)
})

const entry = (incidentId: string, kind: CommandLogEntry['kind']): CommandLogEntry => ({
  kind,
  at: Date.now(),
  incidentId,
  proposalId: 'p-1',
  personId: null,
  personName: 'Bob',
  text: 'uptime',
  hash: 'a'.repeat(64),
  note: null,
  context: null,
  approvers: [],
  exitCode: null,
  durationMs: null,
  output: null,
})

describe("the screen's copy of the record", () => {
  it('holds the command log as stored, entries the gate logs included', async () => {
    const db = new WarRoomDatabase(name)
    const store = createAppStore()
    await store.getState().initRecord(db)
    await store.getState().declare({
      title: 'Checkout down',
      severity: 'SEV2',
      observed: '500s',
      impactStartedAt: null,
      leaderName: 'Alice',
      leaderTeam: 'SRE',
    })
    const id = store.getState().record!.incident.id
    await store.getState().commitChange(commandLogChange(entry(id, 'proposed')))
    await store.getState().commitChange(commandLogChange(entry('another incident', 'proposed')))
    await store.getState().commitChange(commandLogChange(entry(id, 'approved')))

    const onScreen = store.getState().record!.commandLog
    expect(onScreen.map((row) => row.payload.kind)).toEqual(['proposed', 'approved'])
    expect(onScreen).toEqual((await loadIncidentRecord(db, id))!.commandLog)
    db.close()
  })
})
