/**
 * Signed approvals, checked with WebCrypto in Node exactly as anyone holding the record
 * would: a signature holds for one command, in one context, on one proposal, by one key; and
 * an exported incident file is enough on its own to check its log's chain and signatures.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  SIGNATURE_ALGORITHM,
  createSigningKey,
  exportPublicKey,
  fromBase64,
  keyFingerprint,
  signApproval,
  toBase64,
  verifyApprovalSignature,
  verifyLogSignatures,
  type SignedApproval,
} from '../../../../src/shared/commands/approval-signature'
import type { CommandLogRow } from '../../../../src/shared/commands/command-log'
import { verifyCommandLogRows } from '../../../../src/shared/commands/command-log-verdict'
import type {
  ApprovalSignature,
  CommandLogEntry,
  ProposalContext,
} from '../../../../src/shared/commands/gate-model'
import { GENESIS_HASH, hashLink } from '../../../../src/shared/commands/hash-chain'
import {
  parseIncidentFile,
  serializeIncidentFile,
  toIncidentFile,
} from '../../../../src/shared/export/incident-file'
import { INCIDENT, startHost, type HostHarness } from '../../../support/host-harness'
import { fixtureIncident } from '../../../support/incident-fixture'

const CONTEXT: ProposalContext = {
  cwd: '/srv/checkout',
  user: 'deploy',
  host: 'web-1',
  kubeContext: 'prod-eu',
  kubeNamespace: 'shop',
  firstWord: 'kubectl',
  firstWordKind: 'command',
}

const APPROVAL: SignedApproval = {
  personId: 'carol',
  proposalId: 'p-1',
  text: 'kubectl rollout undo deployment/checkout -n shop',
  context: CONTEXT,
  hash: 'a'.repeat(64),
  signedAt: Date.UTC(2026, 10, 25, 13, 5),
}

async function signed(approval = APPROVAL, keys?: CryptoKeyPair): Promise<ApprovalSignature> {
  const pair = keys ?? (await createSigningKey())
  const publicKey = await exportPublicKey(pair.publicKey)
  return {
    algorithm: SIGNATURE_ALGORITHM,
    publicKey,
    fingerprint: await keyFingerprint(publicKey),
    signedAt: approval.signedAt,
    value: await signApproval(pair.privateKey, approval),
  }
}

const what = ({ signedAt: _signedAt, ...rest }: SignedApproval) => rest

describe('an approval signature', () => {
  it('verifies for exactly what was signed', async () => {
    const signature = await signed()
    expect(await verifyApprovalSignature(signature, what(APPROVAL))).toBe(true)
  })

  it('fails for another text, even one character', async () => {
    const signature = await signed()
    const text = APPROVAL.text.replace('undo', 'und0')
    expect(await verifyApprovalSignature(signature, { ...what(APPROVAL), text })).toBe(false)
  })

  it('fails in another context: the same command against another cluster or directory', async () => {
    const signature = await signed()
    for (const context of [
      { ...CONTEXT, kubeContext: 'prod-us' },
      { ...CONTEXT, cwd: '/' },
      { ...CONTEXT, firstWordKind: 'alias' as const },
    ]) {
      expect(await verifyApprovalSignature(signature, { ...what(APPROVAL), context })).toBe(false)
    }
  })

  it('fails when it was made when the signature does not say', async () => {
    const signature = await signed()
    const moved = { ...signature, signedAt: signature.signedAt + 1 }
    expect(await verifyApprovalSignature(moved, what(APPROVAL))).toBe(false)
  })

  it('fails with another key than the one that signed', async () => {
    const signature = await signed()
    const other = await signed()
    const swapped = { ...signature, publicKey: other.publicKey, fingerprint: other.fingerprint }
    expect(await verifyApprovalSignature(swapped, what(APPROVAL))).toBe(false)
  })

  it('cannot be replayed on another proposal with the same text', async () => {
    const signature = await signed()
    expect(await verifyApprovalSignature(signature, { ...what(APPROVAL), proposalId: 'p-2' })).toBe(
      false,
    )
  })

  it('in a log, must carry the fingerprint of the key beside it', async () => {
    const keys = await createSigningKey()
    const signature = await signed(APPROVAL, keys)
    const entry = (s: ApprovalSignature): CommandLogEntry => ({
      kind: 'approved',
      at: APPROVAL.signedAt,
      incidentId: 'inc-1',
      proposalId: APPROVAL.proposalId,
      personId: 'carol',
      personName: 'Carol',
      text: APPROVAL.text,
      hash: APPROVAL.hash,
      note: null,
      context: CONTEXT,
      approvers: ['Carol (own device, signed)'],
      exitCode: null,
      durationMs: null,
      output: null,
      approval: {
        personId: 'carol',
        name: 'Carol',
        at: APPROVAL.signedAt,
        hash: APPROVAL.hash,
        comment: '',
        via: 'own-device',
        recordedBy: null,
        signature: s,
      },
    })
    const registered: CommandLogEntry = {
      ...entry(signature),
      kind: 'key-registered',
      approval: null,
      approvers: [],
      note: `Carol's browser, key ${signature.fingerprint}`,
      publicKey: signature.publicKey,
    }
    expect(await verifyLogSignatures([registered, entry(signature)])).toEqual({
      ok: true,
      signed: 1,
    })
    // Without the registration, nothing says the key was Carol's.
    expect(await verifyLogSignatures([entry(signature)])).toMatchObject({ ok: false, badAt: 0 })
    // The fingerprint people compared on screen is of another key: the entry does not hold.
    const other = await signed()
    const verdict = await verifyLogSignatures([
      registered,
      entry({ ...signature, fingerprint: other.fingerprint }),
    ])
    expect(verdict).toMatchObject({ ok: false, signed: 1, badAt: 1 })
  })
})

/** Rows as the renderer stores them: each entry chained to the one before (record-writer.ts). */
function chained(entries: readonly CommandLogEntry[]): CommandLogRow[] {
  const rows: CommandLogRow[] = []
  for (const payload of entries) {
    const prevHash = rows.at(-1)?.hash ?? GENESIS_HASH
    rows.push({
      incidentId: payload.incidentId,
      payload,
      prevHash,
      hash: hashLink(payload, prevHash),
    })
  }
  return rows
}

/** Everything a reader has: the file. Its rows are checked as the app's Verify button does. */
async function verifyExportedFile(path: string) {
  const parsed = await parseIncidentFile(readFileSync(path, 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  return verifyCommandLogRows(parsed.value.snapshot.commandLog)
}

/** The same file with one byte of its one signature flipped (still valid base64). */
function flipSignatureByte(json: string): string {
  const file = JSON.parse(json) as { commandLog: Array<{ payload: CommandLogEntry }> }
  const signature = file.commandLog.find((row) => row.payload.approval?.signature)!.payload
    .approval!.signature!
  const bytes = fromBase64(signature.value)
  bytes[10] = bytes[10]! ^ 0x01
  const flipped = toBase64(bytes)
  expect(json.split(signature.value)).toHaveLength(2)
  return json.replace(signature.value, flipped)
}

describe('an exported incident, verified from its JSON file alone', () => {
  let harness: HostHarness | null = null
  afterAll(() => harness?.host.dispose())

  it('holds a chain and a signature that verify; one flipped byte is caught, even re-chained', async () => {
    // A real host: Carol joins, her browser registers its key, she approves Bob's command
    // (signed, through the contract), Alice runs it.
    harness = startHost()
    const { leader, connect, configure, shell, invite, finished } = harness
    await configure()
    const sessionId = await shell()
    const { participant } = await invite('carol')
    const carol = connect({ kind: 'participant', participantId: participant.participantId })
    const keys = await createSigningKey()
    const { fingerprint } = await carol.call('participant.registerKey', {
      publicKey: await exportPublicKey(keys.publicKey),
    })
    const p = await leader.call('gate.propose', {
      sessionId,
      text: 'echo "signed-$((6 * 7))"',
      proposerId: 'bob',
    })
    const signedAt = Date.now()
    const value = await signApproval(keys.privateKey, {
      personId: 'carol',
      proposalId: p.id,
      text: p.text,
      context: p.context,
      hash: p.hash,
      signedAt,
    })
    await carol.call('gate.approve', {
      sessionId,
      proposalId: p.id,
      hash: p.hash,
      signature: { signedAt, value },
    })
    await leader.call('gate.run', { sessionId, proposalId: p.id, hash: p.hash })
    await finished(p.id)

    // The record as the leader's window stores it, exported with the app's own code.
    const entries = leader.log.filter((e) => e.incidentId === INCIDENT)
    const approved = entries.find((e) => e.kind === 'approved')!
    expect(approved.approval?.signature).toMatchObject({ fingerprint })
    const rows = chained(entries)
    const snapshot = { ...fixtureIncident({ incidentId: INCIDENT }), commandLog: rows }
    const json = serializeIncidentFile(
      toIncidentFile(snapshot, { now: Date.now(), exportedBy: 'Alice' }),
    )
    const dir = mkdtempSync(join(tmpdir(), 'warroom-export-'))
    const path = join(dir, 'incident.json')
    writeFileSync(path, json)

    // A separate step: only the file.
    expect(await verifyExportedFile(path)).toEqual({
      chain: { intact: true, length: rows.length },
      signatures: { ok: true, signed: 1 },
    })

    // One byte of the signature flipped: the chain says the content changed, and the
    // signature no longer holds.
    const tampered = flipSignatureByte(json)
    writeFileSync(path, tampered)
    const caught = await verifyExportedFile(path)
    expect(caught.chain).toMatchObject({ intact: false, reason: 'content changed' })
    expect(caught.signatures).toMatchObject({ ok: false, signed: 1 })

    // Anyone can recompute a hash chain; nobody without Carol's key can make her signature.
    const file = JSON.parse(tampered) as { commandLog: Array<{ payload: CommandLogEntry }> }
    const rechained = chained(file.commandLog.map((row) => row.payload)).map(
      ({ payload, prevHash, hash }) => ({ payload, prevHash, hash }),
    )
    writeFileSync(path, JSON.stringify({ ...JSON.parse(tampered), commandLog: rechained }))
    const forged = await verifyExportedFile(path)
    expect(forged.chain).toEqual({ intact: true, length: rows.length })
    expect(forged.signatures).toMatchObject({
      ok: false,
      badAt: rows.findIndex((row) => row.payload.kind === 'approved'),
    })
  })
})
