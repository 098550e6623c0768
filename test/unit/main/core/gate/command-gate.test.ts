import { describe, expect, it } from 'vitest'
import { HostCallError } from '../../../../../src/shared/rpc/host-error'
import { context, gateAtPrompt, prompt } from './gate-fixture'

const refusal = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(HostCallError)
    return (error as HostCallError).message
  }
  throw new Error('expected the gate to refuse')
}

describe('command gate: approvals', () => {
  it('refuses self-approval and runs once another expert approved', () => {
    const { gate, written, log } = gateAtPrompt()
    const p = gate.propose({ text: 'systemctl restart api', proposerId: 'bob' })
    expect(p.status).toBe('pending')
    expect(p.tally.label).toBe('0/1 approval')
    expect(
      refusal(() => gate.approve({ proposalId: p.id, personId: 'bob', hash: p.hash })),
    ).toMatch(/proposer cannot approve/)
    expect(refusal(() => gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash }))).toMatch(
      /not approved yet: needs 1 more operational expert/,
    )
    const approved = gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    expect(approved.status).toBe('approved')
    expect(approved.tally.label).toBe('1/1 approval')
    expect(written).toEqual([])
    gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash })
    expect(written).toEqual(['systemctl restart api\r'])
    expect(log.map((e) => e.kind)).toEqual(['proposed', 'approved', 'started'])
    expect(log[1]).toMatchObject({ personName: 'Carol', hash: p.hash })
  })

  it('refuses an approval or a run for a hash other than the proposal’s', () => {
    const { gate, written } = gateAtPrompt()
    const p = gate.propose({ text: 'echo hi', proposerId: 'bob' })
    const other = 'f'.repeat(64)
    expect(
      refusal(() => gate.approve({ proposalId: p.id, personId: 'carol', hash: other })),
    ).toMatch(/not the one proposed/)
    gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    expect(refusal(() => gate.run({ proposalId: p.id, personId: 'bob', hash: other }))).toMatch(
      /not the one proposed/,
    )
    expect(written).toEqual([])
  })

  it('only counts people with an expert role, and the leader only when the policy asks', () => {
    const { gate } = gateAtPrompt()
    const p = gate.propose({ text: 'echo hi', proposerId: 'bob' })
    expect(
      refusal(() => gate.approve({ proposalId: p.id, personId: 'dan', hash: p.hash })),
    ).toMatch(/not an operational expert/)
    expect(
      refusal(() => gate.approve({ proposalId: p.id, personId: 'alice', hash: p.hash })),
    ).toMatch(/not an operational expert/)
    expect(
      refusal(() => gate.approve({ proposalId: p.id, personId: 'zed', hash: p.hash })),
    ).toMatch(/role board/)
  })

  it('needs a quorum: two experts, or an expert and the leader', () => {
    const two = gateAtPrompt({ experts: 2 })
    const p = two.gate.propose({ text: 'echo hi', proposerId: 'alice' })
    expect(two.gate.approve({ proposalId: p.id, personId: 'bob', hash: p.hash }).tally.label).toBe(
      '1/2 approvals',
    )
    expect(p.status).toBe('pending')
    expect(two.gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash }).status).toBe(
      'approved',
    )

    const withLeader = gateAtPrompt({ experts: 1, leader: true })
    const q = withLeader.gate.propose({ text: 'echo hi', proposerId: 'bob' })
    withLeader.gate.approve({ proposalId: q.id, personId: 'carol', hash: q.hash })
    expect(q.status).toBe('pending')
    expect(q.tally.missing).toEqual(['the Incident Handling Leader'])
    withLeader.gate.approve({ proposalId: q.id, personId: 'alice', hash: q.hash })
    expect(q.status).toBe('approved')
    expect(q.tally.label).toBe('2/2 approvals')
  })

  it('asks one more approval for a risky command', () => {
    const { gate } = gateAtPrompt()
    const p = gate.propose({ text: 'kubectl delete pod api-7f9', proposerId: 'alice' })
    expect(p.risk).toContain('deletes cluster resources')
    expect(p.tally.label).toBe('0/2 approvals')
    gate.approve({ proposalId: p.id, personId: 'bob', hash: p.hash })
    expect(p.status).toBe('pending')
    gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    expect(p.status).toBe('approved')
  })

  it('lets an allow-listed read-only command skip approval, but still records it', () => {
    const { gate, written, log } = gateAtPrompt({ allowList: ['kubectl get'] })
    const p = gate.propose({ text: 'kubectl get pods -n checkout', proposerId: 'bob' })
    expect(p.status).toBe('approved')
    expect(p.tally.label).toBe('allow-listed (read-only)')
    gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash })
    expect(written).toEqual(['kubectl get pods -n checkout\r'])
    expect(log[0]?.note).toMatch(/allow-listed/)
    const chained = gate.propose({ text: 'kubectl get pods; rm -rf /', proposerId: 'bob' })
    expect(chained.status).toBe('pending')
  })

  it('blocks approval of a command that hides text', () => {
    const { gate } = gateAtPrompt()
    const p = gate.propose({ text: 'echo safe\u202e;hs.lave', proposerId: 'bob' })
    expect(p.blocked).toBe(true)
    expect(
      refusal(() => gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })),
    ).toMatch(/hides characters/)
  })
})

describe('command gate: lifecycle', () => {
  it('voids approvals when the command is edited: the edit is a new proposal', () => {
    const { gate, written } = gateAtPrompt()
    const p = gate.propose({ text: 'echo one', proposerId: 'bob' })
    gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    const edited = gate.propose({ text: 'echo two', proposerId: 'bob', replaces: p.id })
    expect(p.status).toBe('withdrawn')
    expect(edited.status).toBe('pending')
    expect(edited.approvals).toEqual([])
    expect(refusal(() => gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash }))).toMatch(
      /withdrawn; it can never run/,
    )
    expect(written).toEqual([])
  })

  it('expires a pending proposal (fail closed)', () => {
    const { gate, advance, log } = gateAtPrompt({ expiryMinutes: 5 })
    const p = gate.propose({ text: 'echo hi', proposerId: 'bob' })
    advance(5 * 60_000)
    gate.expireDue()
    expect(p.status).toBe('expired')
    expect(log.at(-1)?.kind).toBe('expired')
    expect(
      refusal(() => gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })),
    ).toMatch(/expired/)
  })

  it('never runs a rejected or withdrawn proposal, and runs an approved one at most once', () => {
    const { gate, written } = gateAtPrompt()
    const rejected = gate.propose({ text: 'echo a', proposerId: 'bob' })
    gate.reject({
      proposalId: rejected.id,
      personId: 'carol',
      hash: rejected.hash,
      comment: 'wrong pod',
    })
    expect(rejected.rejection?.comment).toBe('wrong pod')
    expect(
      refusal(() => gate.run({ proposalId: rejected.id, personId: 'bob', hash: rejected.hash })),
    ).toMatch(/rejected/)
    const p = gate.propose({ text: 'echo b', proposerId: 'bob' })
    gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash })
    gate.onMark({ type: 'command-start' })
    gate.onMark({ type: 'command-end', exitCode: 0 })
    gate.onMark(prompt)
    expect(refusal(() => gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash }))).toMatch(
      /finished; it can never run/,
    )
    expect(written).toEqual(['echo b\r'])
  })

  it('voids approvals when the context changes between approval and run', () => {
    const { gate, written } = gateAtPrompt()
    const p = gate.propose({ text: 'rm -f cache.db', proposerId: 'alice' })
    gate.approve({ proposalId: p.id, personId: 'bob', hash: p.hash })
    gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    expect(p.status).toBe('approved')
    gate.onMark(context('/')) // someone changed directory (break-glass)
    expect(p.status).toBe('voided')
    expect(p.statusReason).toMatch(/working directory \/srv\/app → \//)
    expect(refusal(() => gate.run({ proposalId: p.id, personId: 'alice', hash: p.hash }))).toMatch(
      /voided/,
    )
    expect(written).toEqual([])
  })

  it('covers the kube context and what the first word is (alias, function) in the hash', () => {
    const { gate } = gateAtPrompt()
    const kube = gate.propose({ text: 'kubectl rollout undo deploy/api', proposerId: 'bob' })
    const echo = gate.propose({ text: 'echo hi', proposerId: 'bob' })
    const fn = gate.propose({ text: 'deploy api', proposerId: 'bob' })
    expect(fn.context.firstWordKind).toBe('function')
    expect(echo.context.firstWordKind).toBe('command')
    gate.onMark(context('/srv/app', { kubeContext: 'prod-eu' }))
    expect(kube.status).toBe('voided')
    expect(kube.statusReason).toMatch(/kube context \(none\) → prod-eu/)
    expect(echo.status).toBe('pending')
    gate.onMark({ type: 'names', aliases: ['ll', 'echo'], functions: ['deploy'] })
    expect(echo.status).toBe('voided')
    expect(echo.statusReason).toMatch(/what "echo" is command → alias/)
    expect(fn.status).toBe('pending')
  })

  it('records exit code, duration and a plain output excerpt', () => {
    const { gate, advance, log } = gateAtPrompt()
    const p = gate.propose({ text: 'false', proposerId: 'bob' })
    gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash })
    gate.onMark({ type: 'command-start' })
    gate.onOutput('\u001b[31mfailed\u001b[0m\r\n')
    advance(1_250)
    gate.onMark({ type: 'command-end', exitCode: 1 })
    expect(p.status).toBe('finished')
    expect(p.run).toMatchObject({ exitCode: 1, durationMs: 1_250, output: 'failed' })
    expect(log.at(-1)).toMatchObject({ kind: 'finished', exitCode: 1, durationMs: 1_250 })
  })
})

describe('command gate: raw input', () => {
  it('refuses keystrokes at the prompt, lets them through while a command runs, Ctrl-C always', () => {
    const { gate } = gateAtPrompt()
    expect(gate.screenInput('rm -rf /\r')).toMatchObject({ pass: '', refused: 'rm -rf /\r' })
    expect(gate.screenInput('\u0003')).toEqual({ pass: '\u0003', refused: null, reason: null })
    expect(gate.screenInput('ab\u0003')).toMatchObject({ pass: '\u0003', refused: 'ab' })
    const p = gate.propose({ text: 'read answer', proposerId: 'bob' })
    gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
    gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash })
    // Written, not started yet: keys would land on the command line.
    expect(gate.screenInput('x').refused).toBe('x')
    gate.onMark({ type: 'command-start' })
    expect(gate.screenInput('yes\r')).toEqual({ pass: 'yes\r', refused: null, reason: null })
    gate.onMark({ type: 'command-end', exitCode: 0 })
    gate.onMark(prompt)
    expect(gate.screenInput('ls\r').refused).toBe('ls\r')
  })

  it('passes everything in break-glass mode, which needs a reason and is recorded', () => {
    const { gate, log } = gateAtPrompt()
    expect(refusal(() => gate.startBreakGlass({ personId: 'bob', reason: '' }))).toMatch(/reason/)
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
})
