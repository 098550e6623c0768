/**
 * The curtain hides the terminal from the room while a command prints a secret: what the gate
 * keeps of that run (its output excerpt) reaches the leader's session and the record, never a
 * participant's, whichever way they ask.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { GateSnapshot } from '../../../../../src/shared/commands/gate-model'
import { startHost, type HostHarness } from '../../../../support/host-harness'

const finishedRun = (snapshots: GateSnapshot[], proposalId: string) =>
  snapshots
    .flatMap((s) => s.proposals)
    .filter((p) => p.id === proposalId && p.status === 'finished')
    .at(-1)?.run

describe('the curtain and the output excerpt', () => {
  let h: HostHarness | undefined
  afterEach(() => h?.host.dispose())

  it('the leader’s windows get the excerpt (marked), participants’ get it withheld, the record not at all', async () => {
    h = startHost()
    await h.configure()
    const sessionId = await h.shell()
    const carol = await h.invite('carol', 'expert')
    const device = h.connect({
      kind: 'participant',
      participantId: carol.participant.participantId,
    })
    await h.leader.call('gate.curtain', { sessionId, closed: true })
    const p = await h.runApproved(sessionId, 'echo "token=$((6 * 7))x"')
    // The record (timeline, export, postmortem) does not keep it.
    expect(await h.finished(p.id)).toMatchObject({ output: null, note: /behind the curtain/ })
    await h.leader.call('gate.curtain', { sessionId, closed: false })

    await vi.waitFor(() => expect(finishedRun(device.snapshots, p.id)).toBeDefined())
    expect(finishedRun(device.snapshots, p.id)).toMatchObject({
      output: '',
      curtained: true,
      outputWithheld: true,
      exitCode: 0,
    })
    await vi.waitFor(() => expect(finishedRun(h!.leader.snapshots, p.id)).toBeDefined())
    expect(finishedRun(h.leader.snapshots, p.id)).toMatchObject({
      output: 'token=42x',
      curtained: true,
    })
    expect(finishedRun(h.leader.snapshots, p.id)?.outputWithheld).toBeUndefined()
    const asked = await device.call('gate.state', { sessionId })
    expect(finishedRun([asked], p.id)).toMatchObject({ output: '', outputWithheld: true })
    expect(device.events.some((e) => e.event === 'gate.log')).toBe(false)
    expect(JSON.stringify(device.events)).not.toContain('token=42x')
  })
})
