import { describe, expect, it } from 'vitest'
import {
  proposalForParticipant,
  snapshotForParticipant,
} from '../../../../../src/main/core/access/participant-view'
import type {
  CommandRun,
  GateSnapshot,
  Proposal,
} from '../../../../../src/shared/commands/gate-model'

const run = (extra: Partial<CommandRun> = {}): CommandRun => ({
  startedAt: 1,
  endedAt: 2,
  exitCode: 0,
  durationMs: 1,
  output: 'db password: hunter42',
  outputChars: 21,
  truncated: false,
  ...extra,
})
const proposal = (id: string, r: CommandRun | null) => ({ id, run: r }) as unknown as Proposal

describe('what a participant is sent of the gate', () => {
  it('withholds the output of a run the curtain covered, and says so; others pass untouched', () => {
    const hidden = proposalForParticipant(proposal('a', run({ curtained: true })))
    expect(hidden.run).toMatchObject({
      output: '',
      outputChars: 0,
      curtained: true,
      outputWithheld: true,
      exitCode: 0,
    })
    const shown = proposal('b', run())
    expect(proposalForParticipant(shown)).toBe(shown)
    const waiting = proposal('c', null)
    expect(proposalForParticipant(waiting)).toBe(waiting)
  })

  it('applies to every proposal of a snapshot', () => {
    const snapshot = {
      sessionId: 's1',
      proposals: [proposal('a', run({ curtained: true })), proposal('b', run())],
    } as unknown as GateSnapshot
    const seen = snapshotForParticipant(snapshot)
    expect(seen.proposals.map((p) => p.run?.output)).toEqual(['', 'db password: hunter42'])
    expect(snapshot.proposals[0]!.run?.output).toBe('db password: hunter42') // the leader's copy
  })
})
