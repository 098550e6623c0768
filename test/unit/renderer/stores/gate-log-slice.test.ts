/**
 * The leader's windows (the real store on fake IndexedDB) copying a real outbox's entries
 * into the record: what a person sees (the banner, the timeline) and what the record holds.
 */
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CommandLogEntry } from '../../../../src/shared/commands/gate-model'
import type { AppInfo, HostClient } from '../../../../src/shared/contract'
import { openGateOutbox, type GateOutbox } from '../../../../src/main/core/log/gate-outbox'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import type * as RecordWriter from '../../../../src/renderer/db/record-writer'
import { loadIncidentRecord } from '../../../../src/renderer/db/record-reader'
import { createAppStore } from '../../../../src/renderer/stores/app-store'

/** Host-log positions whose IndexedDB transaction fails (a full disk), until cleared. */
const failing = new Set<number>()
vi.mock('../../../../src/renderer/db/record-writer', async (importOriginal) => {
  const real = await importOriginal<typeof RecordWriter>()
  return {
    ...real,
    commitChanges: async (db: WarRoomDatabase, batch: Parameters<typeof real.commitChanges>[1]) => {
      if (batch.some((c) => c.commandLog?.some((e) => failing.has(e.hostLog?.seq ?? -1)))) {
        throw new DOMException('the disk is full', 'QuotaExceededError')
      }
      return real.commitChanges(db, batch)
    },
  }
})

const entry = (incidentId: string, text: string): CommandLogEntry => ({
  kind: 'proposed',
  at: Date.now(),
  incidentId,
  proposalId: text,
  personId: null,
  personName: 'Bob',
  text,
  hash: 'a'.repeat(64),
  note: null,
  context: null,
  approvers: [],
  exitCode: null,
  durationMs: null,
  output: null,
})

const name = `gate-log-slice-${Math.random().toString(36).slice(2)}`
afterEach(async () => {
  failing.clear()
  await Dexie.delete(name)
})

/** A leader's window on the database `name`, connected to the outbox. */
async function leaderWindow(outbox: GateOutbox, declare: boolean) {
  const db = new WarRoomDatabase(name)
  const store = createAppStore()
  await store.getState().initRecord(db)
  if (declare) {
    await store.getState().declare({
      title: 'Checkout down',
      severity: 'SEV2',
      observed: '500s',
      impactStartedAt: null,
      leaderName: 'Alice',
      leaderTeam: 'SRE',
    })
  }
  const host = {
    'gate.ackLog': async ({ logId, seq }: { logId: string; seq: number }) => outbox.ack(logId, seq),
    'gate.pendingLog': async () => outbox.pending(),
  } as unknown as HostClient
  store.getState().hostConnected(host)
  store.getState().appInfoLoaded({ access: { role: 'leader' } } as AppInfo)
  return { db, store }
}

describe('the gate log in the leader’s windows', () => {
  it('two windows storing the same entries at once keep each entry once, one timeline line each', async () => {
    const outbox = openGateOutbox({ dataDir: null })
    const first = await leaderWindow(outbox, true)
    const incidentId = first.store.getState().record!.incident.id
    const second = await leaderWindow(outbox, false)
    await second.store.getState().openIncident(incidentId)
    const entries = ['uptime', 'df -h', 'free -m'].map((t) => outbox.append(entry(incidentId, t)))
    await Promise.all(
      [first, second].map(async ({ store }) => {
        for (const e of entries) await store.getState().commandLogged(e)
      }),
    )
    const record = (await loadIncidentRecord(first.db, incidentId))!
    expect(record.commandLog.map((r) => r.payload.text)).toEqual(['uptime', 'df -h', 'free -m'])
    expect(record.events.filter((e) => /Proposed/.test(e.summary))).toHaveLength(3)
    expect(outbox.pending().entries).toEqual([])
    first.db.close()
    second.db.close()
  })

  it('shows one change waiting while the log is stopped at a failed entry, and Retry saves the rest in order', async () => {
    const outbox = openGateOutbox({ dataDir: null })
    const { db, store } = await leaderWindow(outbox, true)
    const incidentId = store.getState().record!.incident.id
    await store.getState().catchUpCommandLog()
    const [a, b, c] = ['uptime', 'df -h', 'free -m'].map((t) => outbox.append(entry(incidentId, t)))
    failing.add(b!.hostLog!.seq)
    for (const e of [a!, b!, c!]) await store.getState().commandLogged(e)
    expect(store.getState().storageError).toMatch(/full|space|quota/i)
    expect(store.getState().unsaved).toHaveLength(1) // "(1 change waiting) Retry saving"
    expect(store.getState().record!.commandLog.map((r) => r.payload.text)).toEqual(['uptime'])

    await store.getState().retryUnsaved() // still full: nothing moves
    expect(store.getState().unsaved).toHaveLength(1)
    failing.clear()
    await store.getState().retryUnsaved()
    expect(store.getState().storageError).toBeNull()
    expect(store.getState().unsaved).toEqual([])
    const texts = ['uptime', 'df -h', 'free -m']
    expect(store.getState().record!.commandLog.map((r) => r.payload.text)).toEqual(texts)
    const stored = (await loadIncidentRecord(db, incidentId))!.commandLog
    expect(stored.map((r) => r.payload.text)).toEqual(texts)
    expect(outbox.pending().entries).toEqual([])
    db.close()
  })
})
