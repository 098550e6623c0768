/**
 * Review, foothold 6: the record. The host's outbox (gate-log.jsonl) with the leader's
 * window storing into IndexedDB (fake-indexeddb, the real store and record writer), two
 * hosts on one data directory, and what Verify and the postmortem believe about signatures.
 * `it.fails` marks an attack that works on the current code.
 */
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createSigningKey,
  exportPublicKey,
  signApproval,
} from '../../../../src/shared/commands/approval-signature'
import type { CommandLogRow } from '../../../../src/shared/commands/command-log'
import { verifyCommandLogRows } from '../../../../src/shared/commands/command-log-verdict'
import type { CommandLogEntry, ProposalContext } from '../../../../src/shared/commands/gate-model'
import { appendToChain } from '../../../../src/shared/commands/hash-chain'
import { approvalLabel } from '../../../../src/shared/commands/proposal-lifecycle'
import type { AppInfo, HostClient } from '../../../../src/shared/contract'
import { openGateOutbox } from '../../../../src/main/core/log/gate-outbox'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import type * as RecordWriter from '../../../../src/renderer/db/record-writer'
import { loadIncidentRecord } from '../../../../src/renderer/db/record-reader'
import { createAppStore } from '../../../../src/renderer/stores/app-store'
import { startHost, type HostHarness } from '../../../support/host-harness'

/** The host-log position whose IndexedDB transaction fails once (a full disk or quota). */
const storageFails = { seq: -1 }
vi.mock('../../../../src/renderer/db/record-writer', async (importOriginal) => {
  const real = await importOriginal<typeof RecordWriter>()
  return {
    ...real,
    commitChanges: async (db: WarRoomDatabase, batch: Parameters<typeof real.commitChanges>[1]) => {
      if (batch.some((c) => c.commandLog?.some((e) => e.hostLog?.seq === storageFails.seq))) {
        storageFails.seq = -1
        throw new DOMException('the disk is full', 'QuotaExceededError')
      }
      return real.commitChanges(db, batch)
    },
  }
})

const entry = (
  incidentId: string,
  kind: CommandLogEntry['kind'],
  output: string | null = null,
): CommandLogEntry => ({
  kind,
  at: Date.now(),
  incidentId,
  proposalId: 'p-1',
  personId: null,
  personName: 'Bob',
  text: 'systemctl restart checkout',
  hash: 'a'.repeat(64),
  note: null,
  context: null,
  approvers: [],
  exitCode: kind === 'finished' ? 0 : null,
  durationMs: null,
  output,
})

/** The leader's window (real store, fake IndexedDB) wired to a real outbox in a data directory. */
async function leaderWindow() {
  const name = `review-record-${Math.random().toString(36).slice(2)}`
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
  const incidentId = store.getState().record!.incident.id
  const outbox = openGateOutbox({ dataDir: mkdtempSync(join(tmpdir(), 'warroom-review-log-')) })
  const host = {
    'gate.ackLog': async ({ logId, seq }: { logId: string; seq: number }) => outbox.ack(logId, seq),
    'gate.pendingLog': async () => outbox.pending(),
  } as unknown as HostClient
  store.getState().hostConnected(host)
  store.getState().appInfoLoaded({ access: { role: 'leader' } } as AppInfo)
  const stored = async () =>
    (await loadIncidentRecord(db, incidentId))!.commandLog.map((row) => row.payload.hostLog?.seq)
  const close = async () => {
    db.close()
    await Dexie.delete(name)
  }
  return { store, outbox, incidentId, stored, close }
}

describe('the gate log, from the host to the record', () => {
  let cleanup: (() => Promise<void>) | null = null
  afterEach(async () => {
    await cleanup?.()
    cleanup = null
  })

  // FINDING (high): the host's acknowledgement is cumulative ("stored up to seq N") but the
  // window stores entries one by one and skips one whose transaction failed (it waits in the
  // Retry queue). The next entry's ack drops the failed one from the outbox; Retry then
  // skips it too, because the incident's log already holds a later seq. The entry (here the
  // command's end, exit code and output) is gone, the banner clears, Verify says intact.
  // Fixed: the host forgets only the entry acknowledged, and the window's log stops at the
  // failed entry until Retry has stored it, then goes on in order.
  it('an entry whose write failed once is stored by Retry, and not dropped by a later ack', async () => {
    const w = await leaderWindow()
    cleanup = w.close
    const started = w.outbox.append(entry(w.incidentId, 'started'))
    const ended = w.outbox.append(entry(w.incidentId, 'finished', 'x'.repeat(16_000)))
    const next = w.outbox.append(entry(w.incidentId, 'proposed'))
    storageFails.seq = ended.hostLog!.seq
    for (const e of [started, ended, next]) await w.store.getState().commandLogged(e)
    expect(w.store.getState().storageError).not.toBeNull() // the failure was shown
    await w.store.getState().retryUnsaved()
    expect(w.store.getState().storageError).toBeNull() // "All changes saved"
    const seqs = [started, ended, next].map((e) => e.hostLog!.seq)
    expect(await w.stored()).toEqual(seqs)
  })

  // FINDING (high): the same acknowledgement after a reload. Entries the gate made while no
  // window stored them wait in the outbox; the returning window stores live entries as
  // soon as its database is open, before its catch-up runs: the first live entry's ack
  // drops every older pending one (a command's end, the "host stopped" note after a crash).
  // Fixed: the window stores what the host still holds before any live entry.
  it('entries pending from before a reload survive a live entry stored before the catch-up', async () => {
    const w = await leaderWindow()
    cleanup = w.close
    const whileAway = w.outbox.append(entry(w.incidentId, 'finished', 'done'))
    const live = w.outbox.append(entry(w.incidentId, 'proposed'))
    await w.store.getState().commandLogged(live) // arrives while the record is being opened
    await w.store.getState().catchUpCommandLog()
    expect(await w.stored()).toContain(whileAway.hostLog!.seq)
  })
})

describe('two hosts on one data directory', () => {
  const hosts: HostHarness[] = []
  afterEach(() => {
    for (const h of hosts.splice(0)) h.host.dispose()
  })

  // FINDING (medium): nothing stops a second host (a second `npm run serve -- --port 4800`,
  // or Electron pointed at the same directory) from opening the same gate-log.jsonl: both
  // take the file's logId and count seq from what they read, so their entries share
  // positions, and a window skips the second one as "already stored". No lock file.
  // Fixed: the second host refuses to start (naming the folder and the other host's pid).
  it('never gives two gate entries the same place in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warroom-review-shared-'))
    const first = startHost({ dataDir, integrationDir: null })
    hosts.push(first)
    await first.configure()
    // A second host on the folder, while the first runs, does not start.
    expect(() => startHost({ dataDir, integrationDir: null })).toThrow(
      new RegExp(`${dataDir}.*in use by another War Room host \\(process ${process.pid}\\)`),
    )
    // Once the first has stopped, the next one goes on from the first one's log.
    hosts.shift()!.host.dispose()
    const second = startHost({ dataDir, integrationDir: null })
    hosts.push(second)
    await second.configure({ experts: 2 }) // a policy change: one more entry
    const positions = [...first.leader.log, ...second.leader.log].map(
      (e) => `${e.hostLog?.logId}:${e.hostLog?.seq}`,
    )
    expect(positions.length).toBeGreaterThan(1)
    expect(new Set(positions).size).toBe(positions.length)
  })
})

describe('what Verify and the postmortem say about signatures', () => {
  let h: HostHarness | null = null
  afterEach(() => h?.host.dispose())

  /** A real log: Carol approves from her device (signed), Bob's approval said in the room. */
  async function realLog() {
    h = startHost({ shellPath: '/bin/bash' })
    await h.configure({ experts: 2 })
    const sessionId = await h.shell()
    const carol = await h.invite('carol', 'expert')
    const device = h.connect({
      kind: 'participant',
      participantId: carol.participant.participantId,
    })
    const key = await createSigningKey()
    await device.call('participant.registerKey', {
      publicKey: await exportPublicKey(key.publicKey),
    })
    const p = await h.leader.call('gate.propose', {
      sessionId,
      text: 'uptime',
      proposerId: 'alice',
    })
    const signedAt = Date.now()
    const value = await signApproval(key.privateKey, {
      personId: 'carol',
      proposalId: p.id,
      text: p.text,
      context: p.context,
      hash: p.hash,
      signedAt,
    })
    await device.call('gate.approve', {
      sessionId,
      proposalId: p.id,
      hash: p.hash,
      signature: { signedAt, value },
    })
    await h.leader.call('gate.approve', {
      sessionId,
      proposalId: p.id,
      hash: p.hash,
      onBehalfOf: 'bob',
    })
    return h.leader.log.filter((e) => e.incidentId === 'inc-1')
  }

  const chain = (entries: CommandLogEntry[]) => {
    const rows: CommandLogRow[] = []
    for (const e of entries) rows.push({ ...appendToChain(rows, e), incidentId: e.incidentId })
    return rows
  }

  // FINDING (medium, fixed: a signature now names its approver, and the log must hold the
  // key's registration for that person; see verifyLogSignatures): a signature covered the proposal (id, text, context, digest, time) but
  // not who approved, and Verify checks it against whatever public key is stored beside it;
  // key registrations are not in the log. Whoever holds the record (the leader's IndexedDB,
  // the exported JSON) copies Carol's signature onto Bob's in-room approval, rechains (the
  // chain has no secret), and Verify and the postmortem say "Bob (own device, signed)".
  it('a signature moved onto another person’s approval does not verify', async () => {
    const log = await realLog()
    const carols = log.find((e) => e.kind === 'approved' && e.personId === 'carol')!
    const bobs = log.find((e) => e.kind === 'approved' && e.personId === 'bob')!
    expect(carols.approval!.signature).not.toBeNull()
    expect(approvalLabel(bobs.approval!)).toBe('Bob (in the room, recorded by Alice)')
    const forgedApproval = {
      ...bobs.approval!,
      via: 'own-device' as const,
      recordedBy: null,
      signature: carols.approval!.signature,
    }
    const forged = log.map((e) => (e === bobs ? { ...e, approval: forgedApproval } : e))
    expect(approvalLabel(forgedApproval)).toBe('Bob (own device, signed)')
    const verdict = await verifyCommandLogRows(chain(forged))
    expect(verdict.chain.intact && verdict.signatures.ok).toBe(false)
  })

  // The same with a key of the forger's own making: nothing in the log says which key was
  // Bob's (or that Bob ever joined from a device).
  it('a signature by a key nobody registered does not verify', async () => {
    const log = await realLog()
    const bobs = log.find((e) => e.kind === 'approved' && e.personId === 'bob')!
    const key = await createSigningKey()
    const publicKey = await exportPublicKey(key.publicKey)
    const signedAt = bobs.at
    const value = await signApproval(key.privateKey, {
      personId: 'bob',
      proposalId: bobs.proposalId!,
      text: bobs.text!,
      context: bobs.context as ProposalContext,
      hash: bobs.hash!,
      signedAt,
    })
    const { keyFingerprint, SIGNATURE_ALGORITHM } =
      await import('../../../../src/shared/commands/approval-signature')
    const forgedApproval = {
      ...bobs.approval!,
      via: 'own-device' as const,
      recordedBy: null,
      signature: {
        algorithm: SIGNATURE_ALGORITHM,
        publicKey,
        fingerprint: await keyFingerprint(publicKey),
        signedAt,
        value,
      },
    }
    const forged = log.map((e) => (e === bobs ? { ...e, approval: forgedApproval } : e))
    const verdict = await verifyCommandLogRows(chain(forged))
    expect(verdict.chain.intact && verdict.signatures.ok).toBe(false)
  })
})
