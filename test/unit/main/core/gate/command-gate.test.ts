import { describe, expect, it } from 'vitest'
import {
  createSigningKey,
  exportPublicKey,
  signApproval,
} from '../../../../../src/shared/commands/approval-signature'
import type { Proposal } from '../../../../../src/shared/commands/gate-model'
import { HostCallError } from '../../../../../src/shared/rpc/host-error'
import { LEADER, context, gateAtPrompt, participant, prompt, roster } from './gate-fixture'
import { CURTAIN_NOTE } from '../../../../../src/main/core/gate/command-gate'

const refusal = async (fn: () => unknown): Promise<string> => {
  try {
    await fn()
  } catch (error) {
    expect(error).toBeInstanceOf(HostCallError)
    return (error as HostCallError).message
  }
  throw new Error('expected the gate to refuse')
}

const ref = (p: Proposal) => ({ proposalId: p.id, hash: p.hash })

describe('command gate: who approves', () => {
  it('refuses self-approval and runs once another expert approved from their own device', async () => {
    const { gate, written, log, current } = gateAtPrompt()
    const p = gate.propose(participant('bob'), { text: 'systemctl restart api' })
    expect(p).toMatchObject({ status: 'pending', proposerName: 'Bob', proposedVia: 'own-device' })
    expect(p.tally.label).toBe('0/1 approval')
    expect(await refusal(() => gate.approve(participant('bob'), ref(p)))).toMatch(
      /proposer cannot approve/,
    )
    expect(await refusal(() => gate.run(ref(p)))).toMatch(
      /not approved yet: needs 1 more operational expert/,
    )
    const approved = await gate.approve(participant('carol'), ref(p))
    expect(approved).toMatchObject({ status: 'approved', tally: { label: '1/1 approval' } })
    expect(approved.approvals[0]).toMatchObject({
      name: 'Carol',
      via: 'own-device',
      recordedBy: null,
    })
    expect(written).toEqual([])
    gate.run(ref(p))
    expect(written).toEqual(['\u001b[6973~\u001b[200~systemctl restart api\u001b[201~\r'])
    expect(current(p.id).status).toBe('running')
    expect(log.map((e) => e.kind)).toEqual(['proposed', 'approved', 'started'])
    expect(log[2]).toMatchObject({ personName: 'Alice', approvers: ['Carol (own device)'] })
  })

  it('records an approval said aloud in the room as such; it counts only if the policy says so', async () => {
    const room = gateAtPrompt()
    const p = room.gate.propose(LEADER, { text: 'echo hi', proposerId: 'bob' })
    expect(p.proposedVia).toBe('in-room')
    const approved = await room.gate.approve(LEADER, { ...ref(p), onBehalfOf: 'carol' })
    expect(approved.status).toBe('approved')
    expect(approved.approvals[0]).toMatchObject({
      via: 'in-room',
      recordedBy: { personId: 'alice', name: 'Alice' },
    })
    expect(room.log.at(-1)!.approval).toMatchObject({ via: 'in-room' })

    const strict = gateAtPrompt({ approvalSources: 'own-device' })
    const q = strict.gate.propose(LEADER, { text: 'echo hi', proposerId: 'bob' })
    expect(
      await refusal(() => strict.gate.approve(LEADER, { ...ref(q), onBehalfOf: 'carol' })),
    ).toMatch(/only approvals made on the approver’s own device/)
    expect(strict.current(q.id).status).toBe('pending')
    await strict.gate.approve(participant('carol'), ref(q))
    expect(strict.current(q.id).status).toBe('approved')
  })

  it('lets a participant act only in their own name, never as someone else', async () => {
    const { gate } = gateAtPrompt()
    expect(
      await refusal(() => gate.propose(participant('bob'), { text: 'id', proposerId: 'carol' })),
    ).toMatch(/own name only/)
    const p = gate.propose(LEADER, { text: 'id', proposerId: 'bob' })
    expect(
      await refusal(() => gate.approve(participant('dan'), { ...ref(p), onBehalfOf: 'carol' })),
    ).toMatch(/own name only/)
    expect(await refusal(() => gate.withdraw(participant('carol'), { proposalId: p.id }))).toMatch(
      /only its proposer or the leader/,
    )
  })

  it('refuses an approval or a run for a hash other than the proposal’s', async () => {
    const { gate, written } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'echo hi', proposerId: 'bob' })
    const other = 'f'.repeat(64)
    expect(
      await refusal(() => gate.approve(participant('carol'), { proposalId: p.id, hash: other })),
    ).toMatch(/not the one proposed/)
    await gate.approve(participant('carol'), ref(p))
    expect(await refusal(() => gate.run({ proposalId: p.id, hash: other }))).toMatch(
      /not the one proposed/,
    )
    expect(written).toEqual([])
  })

  it('only counts people with an expert role, and the leader only when the policy asks', async () => {
    const { gate } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'echo hi', proposerId: 'bob' })
    expect(await refusal(() => gate.approve(participant('dan'), ref(p)))).toMatch(
      /not an operational expert/,
    )
    expect(await refusal(() => gate.approve(LEADER, ref(p)))).toMatch(/not an operational expert/)
    expect(await refusal(() => gate.approve(participant('zed'), ref(p)))).toMatch(/role board/)
  })

  it('uses the role board of the moment it was proposed: someone added later cannot approve it', async () => {
    const { gate, setRoom, current } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'echo hi', proposerId: 'bob' })
    setRoom({
      roster: [...roster, { personId: 'eve', name: 'Eve', roles: ['operational-expert'] }],
    })
    expect(await refusal(() => gate.approve(participant('eve'), ref(p)))).toMatch(/role board/)
    // Someone who left since cannot approve it either.
    setRoom({ roster: roster.filter((m) => m.personId !== 'carol') })
    expect(await refusal(() => gate.approve(participant('carol'), ref(p)))).toMatch(/role board/)
    const later = gate.propose(LEADER, { text: 'echo later', proposerId: 'bob' })
    expect(current(later.id).status).toBe('pending')
  })

  it('decides a proposal by the policy in force when it was made', async () => {
    const { gate, setRoom, current } = gateAtPrompt({ experts: 1 })
    const p = gate.propose(LEADER, { text: 'echo hi', proposerId: 'alice' })
    setRoom({ policy: { ...current(p.id).policy, experts: 2 } })
    const approved = await gate.approve(participant('bob'), ref(p))
    expect(approved.status).toBe('approved')
    const q = gate.propose(LEADER, { text: 'echo two', proposerId: 'alice' })
    expect(q.tally.label).toBe('0/2 approvals')
  })

  it('needs a quorum: two experts, or an expert and the leader', async () => {
    const two = gateAtPrompt({ experts: 2 })
    const p = two.gate.propose(LEADER, { text: 'echo hi', proposerId: 'alice' })
    expect((await two.gate.approve(participant('bob'), ref(p))).tally.label).toBe('1/2 approvals')
    expect(two.current(p.id).status).toBe('pending')
    expect((await two.gate.approve(participant('carol'), ref(p))).status).toBe('approved')

    const withLeader = gateAtPrompt({ experts: 1, leader: true })
    const q = withLeader.gate.propose(participant('bob'), { text: 'echo hi' })
    await withLeader.gate.approve(participant('carol'), ref(q))
    expect(withLeader.current(q.id).tally.missing).toEqual(['the Incident Handling Leader'])
    const done = await withLeader.gate.approve(LEADER, ref(q))
    expect(done).toMatchObject({ status: 'approved', tally: { label: '2/2 approvals' } })
    expect(done.approvals[1]).toMatchObject({ name: 'Alice', via: 'own-device' })
  })

  it('asks one more approval for a risky command', async () => {
    const { gate, current } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'kubectl delete pod api-7f9', proposerId: 'alice' })
    expect(p.risk).toContain('deletes cluster resources')
    expect(p.tally.label).toBe('0/2 approvals')
    await gate.approve(participant('bob'), ref(p))
    expect(current(p.id).status).toBe('pending')
    await gate.approve(participant('carol'), ref(p))
    expect(current(p.id).status).toBe('approved')
  })

  it('lets an allow-listed read-only command skip approval, but still records it', () => {
    const { gate, written, log } = gateAtPrompt({ allowList: ['kubectl get'] })
    const p = gate.propose(LEADER, { text: 'kubectl get pods -n checkout', proposerId: 'bob' })
    expect(p.status).toBe('approved')
    expect(p.tally.label).toBe('allow-listed (read-only)')
    gate.run(ref(p))
    expect(written[0]).toBe(
      '\u001b[6973~\u001b[200~PAGER=cat SYSTEMD_PAGER=cat GIT_PAGER=cat MANPAGER=cat AWS_PAGER=cat PSQL_PAGER=cat LESSSECURE=1 kubectl get pods -n checkout\u001b[201~\r',
    )
    expect(log[0]?.note).toMatch(/allow-listed/)
    const chained = gate.propose(LEADER, { text: 'kubectl get pods; rm -rf /', proposerId: 'bob' })
    expect(chained.status).toBe('pending')
  })

  it('blocks approval of a command that hides text', async () => {
    const { gate } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'echo safe\u202e;hs.lave', proposerId: 'bob' })
    expect(p.blocked).toBe(true)
    expect(await refusal(() => gate.approve(participant('carol'), ref(p)))).toMatch(
      /hides characters/,
    )
  })

  it('blocks approval of an unfinished command (the next one would be joined to it)', async () => {
    const { gate, current } = gateAtPrompt()
    const p = gate.propose(LEADER, {
      text: 'cat <<EOF > /etc/app.conf\nmode=safe',
      proposerId: 'bob',
    })
    expect(p.blocked).toBe(true)
    expect(await refusal(() => gate.approve(participant('carol'), ref(p)))).toMatch(
      /unfinished: the shell would wait for more input \(here-doc without its end line "EOF"\)/,
    )
    expect(current(p.id).status).toBe('pending')
  })
})

describe('command gate: signed approvals', () => {
  async function signer() {
    const keys = await createSigningKey()
    return { keys, publicKey: await exportPublicKey(keys.publicKey) }
  }
  const sign = (
    privateKey: CryptoKey,
    p: Proposal,
    signedAt: number,
    override: Partial<Proposal> = {},
  ) =>
    signApproval(privateKey, {
      personId: 'carol',
      proposalId: override.id ?? p.id,
      text: override.text ?? p.text,
      context: override.context ?? p.context,
      hash: p.hash,
      signedAt,
    })

  it('counts a signed approval, keeps the signature, and refuses a tampered or replayed one', async () => {
    const { gate, log, advance } = gateAtPrompt()
    const carol = await signer()
    const actor = participant('carol', carol.publicKey)
    const now = 1_700_000_000_000
    const p = gate.propose(LEADER, { text: 'systemctl restart api', proposerId: 'bob' })
    const q = gate.propose(LEADER, { text: 'systemctl restart web', proposerId: 'bob' })

    expect(await refusal(() => gate.approve(actor, ref(p)))).toMatch(/carried no signature/)
    const tamperedText = await sign(carol.keys.privateKey, p, now, { text: 'systemctl stop api' })
    expect(
      await refusal(() =>
        gate.approve(actor, { ...ref(p), signature: { signedAt: now, value: tamperedText } }),
      ),
    ).toMatch(/does not match/)
    const tamperedContext = await sign(carol.keys.privateKey, p, now, {
      context: { ...p.context, cwd: '/' },
    })
    expect(
      await refusal(() =>
        gate.approve(actor, { ...ref(p), signature: { signedAt: now, value: tamperedContext } }),
      ),
    ).toMatch(/does not match/)
    const forP = await sign(carol.keys.privateKey, p, now)
    // The same signature, replayed on another proposal.
    expect(
      await refusal(() =>
        gate.approve(actor, { ...ref(q), signature: { signedAt: now, value: forP } }),
      ),
    ).toMatch(/does not match/)
    const mallory = await signer()
    const byOtherKey = await sign(mallory.keys.privateKey, p, now)
    expect(
      await refusal(() =>
        gate.approve(actor, { ...ref(p), signature: { signedAt: now, value: byOtherKey } }),
      ),
    ).toMatch(/does not match/)

    const approved = await gate.approve(actor, {
      ...ref(p),
      signature: { signedAt: now, value: forP },
    })
    expect(approved.approvals[0]!.signature).toMatchObject({
      publicKey: carol.publicKey,
      value: forP,
    })
    expect(log.at(-1)!.approvers).toEqual(['Carol (own device, signed)'])

    advance(10 * 60_000)
    const old = await sign(carol.keys.privateKey, q, now)
    expect(
      await refusal(() =>
        gate.approve(actor, { ...ref(q), signature: { signedAt: now, value: old } }),
      ),
    ).toMatch(/too old/)
    expect(
      await refusal(() =>
        gate.approve(LEADER, {
          ...ref(q),
          onBehalfOf: 'carol',
          signature: { signedAt: now, value: old },
        }),
      ),
    ).toMatch(/own browser signs/)
  })
})

describe('command gate: lifecycle', () => {
  it('voids approvals when the command is edited: the edit is a new proposal', async () => {
    const { gate, written, current } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'echo one', proposerId: 'bob' })
    await gate.approve(participant('carol'), ref(p))
    const edited = gate.propose(LEADER, { text: 'echo two', proposerId: 'bob', replaces: p.id })
    expect(current(p.id).status).toBe('withdrawn')
    expect(edited).toMatchObject({ status: 'pending', approvals: [] })
    expect(await refusal(() => gate.run(ref(p)))).toMatch(/withdrawn; it can never run/)
    expect(written).toEqual([])
  })

  it('expires a pending proposal (fail closed)', async () => {
    const { gate, advance, log, current } = gateAtPrompt({ expiryMinutes: 5 })
    const p = gate.propose(LEADER, { text: 'echo hi', proposerId: 'bob' })
    advance(5 * 60_000)
    gate.expireDue()
    expect(current(p.id).status).toBe('expired')
    expect(log.at(-1)?.kind).toBe('expired')
    expect(await refusal(() => gate.approve(participant('carol'), ref(p)))).toMatch(/expired/)
  })

  it('never runs a rejected or withdrawn proposal, and runs an approved one at most once', async () => {
    const { gate, written, commandRan } = gateAtPrompt()
    const rejected = gate.propose(LEADER, { text: 'echo a', proposerId: 'bob' })
    const r = gate.reject(participant('carol'), { ...ref(rejected), comment: 'wrong pod' })
    expect(r.rejection).toMatchObject({ comment: 'wrong pod', via: 'own-device' })
    expect(await refusal(() => gate.run(ref(rejected)))).toMatch(/rejected/)
    const p = gate.propose(LEADER, { text: 'echo b', proposerId: 'bob' })
    await gate.approve(participant('carol'), ref(p))
    gate.run(ref(p))
    commandRan(0)
    expect(await refusal(() => gate.run(ref(p)))).toMatch(/finished; it can never run/)
    expect(written).toEqual(['\u001b[6973~\u001b[200~echo b\u001b[201~\r'])
  })

  it('voids approvals when the context changes between approval and run', async () => {
    const { gate, written, current, reportAtPrompt } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'rm -f cache.db', proposerId: 'alice' })
    await gate.approve(participant('bob'), ref(p))
    await gate.approve(participant('carol'), ref(p))
    expect(current(p.id).status).toBe('approved')
    reportAtPrompt(context('/')) // someone changed directory (break-glass)
    expect(current(p.id).status).toBe('voided')
    expect(current(p.id).statusReason).toMatch(/working directory \/srv\/app → \//)
    expect(await refusal(() => gate.run(ref(p)))).toMatch(/voided/)
    expect(written).toEqual([])
  })

  it('covers the kube context and what the first word is (alias, function) in the hash', () => {
    const { gate, current, reportAtPrompt } = gateAtPrompt()
    const kube = gate.propose(LEADER, {
      text: 'kubectl rollout undo deploy/api',
      proposerId: 'bob',
    })
    const echo = gate.propose(LEADER, { text: 'echo hi', proposerId: 'bob' })
    const fn = gate.propose(LEADER, { text: 'deploy api', proposerId: 'bob' })
    expect(fn.context.firstWordKind).toBe('function')
    expect(echo.context.firstWordKind).toBe('command')
    reportAtPrompt(context('/srv/app', { kubeContext: 'prod-eu' }))
    expect(current(kube.id).status).toBe('voided')
    expect(current(kube.id).statusReason).toMatch(/kube context \(none\) → prod-eu/)
    expect(current(echo.id).status).toBe('pending')
    reportAtPrompt({ type: 'names', aliases: ['ll', 'echo'], functions: ['deploy'] })
    expect(current(echo.id).status).toBe('voided')
    expect(current(echo.id).statusReason).toMatch(/what "echo" is command → alias/)
    expect(current(fn.id).status).toBe('pending')
  })

  it('records exit code, duration and a plain output excerpt', async () => {
    const { gate, advance, log, current } = gateAtPrompt()
    const p = gate.propose(LEADER, { text: 'false', proposerId: 'bob' })
    await gate.approve(participant('carol'), ref(p))
    gate.run(ref(p))
    gate.onMark({ type: 'command-start' })
    gate.onOutput(new TextEncoder().encode('\u001b[31mfailed\u001b[0m\r\n'))
    advance(1_250)
    gate.onMark({ type: 'command-end', exitCode: 1 })
    expect(current(p.id).status).toBe('finished')
    expect(current(p.id).run).toMatchObject({ exitCode: 1, durationMs: 1_250, output: 'failed' })
    expect(log.at(-1)).toMatchObject({ kind: 'finished', exitCode: 1, durationMs: 1_250 })
  })

  it('keeps only the last closed proposals on screen, without pruning when asked for its state', async () => {
    const { gate } = gateAtPrompt()
    for (let i = 0; i < 12; i++) {
      const p = gate.propose(LEADER, { text: `echo ${i}`, proposerId: 'bob' })
      gate.withdraw(LEADER, { proposalId: p.id })
    }
    const before = gate.snapshot().proposals.length
    expect(before).toBe(10)
    expect(gate.snapshot().proposals.length).toBe(before)
  })
})

describe('command gate: raw input and the foreground', () => {
  it('refuses keys at the prompt, passes them only while the approved command holds the foreground', async () => {
    const { gate, setForeground, commandRan } = gateAtPrompt()
    expect(gate.screenInput('rm -rf /\r')).toMatchObject({ pass: '', refused: 'rm -rf /\r' })
    expect(gate.screenInput('\u0003')).toEqual({ pass: '\u0003', refused: null, reason: null })
    expect(gate.screenInput('ab\u0003')).toMatchObject({ pass: '\u0003', refused: 'ab' })
    // A job in the foreground that no approval started (a forged "running"): still refused.
    setForeground('job')
    expect(gate.screenInput('x').refused).toBe('x')
    setForeground('shell')
    const p = gate.propose(LEADER, { text: 'read answer', proposerId: 'bob' })
    await gate.approve(participant('carol'), ref(p))
    gate.run(ref(p))
    // Written, but the shell still holds the foreground: keys would land on the command line.
    expect(gate.screenInput('x').refused).toBe('x')
    gate.onMark({ type: 'command-start' })
    setForeground('job')
    expect(gate.screenInput('yes\r')).toEqual({ pass: 'yes\r', refused: null, reason: null })
    setForeground('shell') // the command ended: no race until the prompt mark
    expect(gate.screenInput('ls\r').refused).toBe('ls\r')
    commandRan(0)
    expect(gate.screenInput('ls\r').refused).toBe('ls\r')
  })

  it('says the integration is lost when the shell is back without an authenticated prompt', async () => {
    // One approval for risky commands too: `unset PROMPT_COMMAND` changes the shell itself.
    const { gate, setForeground, advance, log, current, reportAtPrompt } = gateAtPrompt({
      riskyExtra: 0,
    })
    const p = gate.propose(LEADER, { text: 'unset PROMPT_COMMAND', proposerId: 'bob' })
    await gate.approve(participant('carol'), ref(p))
    gate.run(ref(p))
    gate.onMark({ type: 'command-start' })
    setForeground('shell')
    advance(1_000)
    gate.tick()
    expect(gate.snapshot().integration).toBe('on')
    advance(3_000)
    gate.tick()
    expect(gate.snapshot()).toMatchObject({ integration: 'lost', integrated: false })
    expect(current(p.id)).toMatchObject({ status: 'finished', run: { exitCode: null } })
    expect(log.map((e) => e.kind)).toContain('integration-lost')
    expect(gate.screenInput('id\r')).toMatchObject({ refused: 'id\r', reason: /integration lost/ })
    // Nothing is written until a prompt comes back: the shell may wait for the rest of a line.
    const q = gate.propose(LEADER, { text: 'true', proposerId: 'bob' })
    await gate.approve(participant('carol'), ref(q))
    expect(gate.snapshot().ready).toBe(false)
    expect(await refusal(() => gate.run(ref(q)))).toMatch(/did not come back to its prompt/)
    reportAtPrompt() // the integration speaks again: the command's end, then a prompt
    expect(gate.snapshot()).toMatchObject({ integration: 'on', ready: true })
    expect(log.map((e) => e.kind)).toContain('integration-restored')
    gate.run(ref(q))
  })

  it('passes everything in break-glass mode, which needs a reason and is recorded', async () => {
    const { gate, log } = gateAtPrompt()
    expect(await refusal(() => gate.startBreakGlass({ personId: 'bob', reason: '' }))).toMatch(
      /reason/,
    )
    gate.startBreakGlass({ personId: 'bob', reason: 'gate host unreachable, need ssh' })
    expect(gate.snapshot().breakGlass).toMatchObject({ name: 'Bob' })
    expect(gate.screenInput('ls\r').pass).toBe('ls\r')
    gate.endBreakGlass({ personId: 'alice' })
    expect(gate.screenInput('ls\r').refused).toBe('ls\r')
    expect(log.map((e) => [e.kind, e.personName, e.note])).toEqual([
      ['break-glass-started', 'Bob', 'gate host unreachable, need ssh'],
      ['break-glass-ended', 'Alice', expect.stringContaining('started by Bob')],
    ])
  })

  it('records the curtain (the terminal hidden from the room) on the log', () => {
    const { gate, log } = gateAtPrompt()
    expect(gate.setCurtain(true).curtain).toMatchObject({ name: 'Alice' })
    expect(gate.setCurtain(false).curtain).toBeNull()
    expect(log.map((e) => [e.kind, e.personName])).toEqual([
      ['curtain-closed', 'Alice'],
      ['curtain-opened', 'Alice'],
    ])
  })

  it('marks a run the curtain covered, even in part; the leader sees its output, the record does not keep it', async () => {
    const { gate, advance, log, current } = gateAtPrompt()
    const run = async (text: string, output: string, closeMidway = false) => {
      const p = gate.propose(LEADER, { text, proposerId: 'bob' })
      await gate.approve(participant('carol'), ref(p))
      gate.run(ref(p))
      gate.onMark({ type: 'command-start' })
      gate.onOutput(new TextEncoder().encode(`${output}\r\n`))
      if (closeMidway) gate.setCurtain(true)
      advance(100)
      gate.onMark({ type: 'command-end', exitCode: 0 })
      gate.onMark(prompt)
      advance(100)
      return p
    }
    const before = await run('echo before', 'shown-before')
    const midway = await run('echo midway', 'secret-midway', true)
    const behind = await run('echo behind', 'secret-behind')
    gate.setCurtain(false)
    advance(100)
    const after = await run('echo after', 'shown-after')

    expect(
      [before, midway, behind, after].map((p) => current(p.id).run?.curtained ?? false),
    ).toEqual([false, true, true, false])
    // The leader's session is sent the excerpt; the record (timeline, export, postmortem) not.
    expect(current(behind.id).run).toMatchObject({ output: 'secret-behind', curtained: true })
    const finished = log.filter((e) => e.kind === 'finished')
    expect(finished.map((e) => e.output)).toEqual(['shown-before', null, null, 'shown-after'])
    expect(finished.map((e) => e.note)).toEqual([null, CURTAIN_NOTE, CURTAIN_NOTE, null])
    // An act's answer says so too.
    expect(gate.withCurtain(current(midway.id)).run?.curtained).toBe(true)
  })
})
