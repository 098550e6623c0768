/**
 * What a participant's session is sent of a terminal's gate. The curtain hides the terminal
 * from the room while a command prints a secret; the output excerpt the gate keeps of such
 * a run (head and tail) would tell the same secret, so a run the curtain covered, wholly or
 * in part, reaches participants without it: the leader's session and the record keep it.
 */
import type { GateSnapshot, Proposal } from '../../../shared/commands/gate-model'

/** The proposal as a participant sees it: a curtained run's output withheld. */
export function proposalForParticipant(p: Proposal): Proposal {
  if (!p.run?.curtained) return p
  return {
    ...p,
    run: { ...p.run, output: '', outputChars: 0, truncated: false, outputWithheld: true },
  }
}

/** The gate's snapshot as a participant sees it (see proposalForParticipant). */
export function snapshotForParticipant(snapshot: GateSnapshot): GateSnapshot {
  if (!snapshot.proposals.some((p) => p.run?.curtained)) return snapshot
  return { ...snapshot, proposals: snapshot.proposals.map(proposalForParticipant) }
}
