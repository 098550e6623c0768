/**
 * Who is asking the gate, as the host knows it (never as the client says): the leader's
 * session, acting as the person at the leader's keyboard or recording what someone said
 * aloud in the room; or an invited participant, acting only in their own name.
 */
import type { JoinPeer, ParticipantMode } from '../../../shared/access'
import {
  SIGNATURE_ALGORITHM,
  SIGNATURE_MAX_SKEW_MS,
  keyFingerprint,
  verifyApprovalSignature,
} from '../../../shared/commands/approval-signature'
import type {
  ApprovalSignature,
  ApprovalVia,
  Proposal,
  RosterMember,
} from '../../../shared/commands/gate-model'
import type { IncidentRoom } from '../incidents/incident-rooms'

export type GateActor =
  | { kind: 'leader' }
  | {
      kind: 'participant'
      participantId: string
      personId: string
      mode: ParticipantMode
      /** The key their browser registered (null: approvals cannot be signed). */
      publicKey: string | null
      /** Where their invite link was followed from (their approvals' label says so). */
      joinedFrom?: JoinPeer | null
      /** Whether the session still stands (its invite may be revoked while an act awaits). */
      stillValid(): boolean
    }

/** Which session an act came from: the leader's, or one participant's. */
export function sessionOf(actor: GateActor): string {
  return actor.kind === 'leader' ? 'leader' : `participant:${actor.participantId}`
}

/**
 * Under "own device only", the leader's screen approves only as the Incident Handling
 * Leader at its keyboard (whoever the operator is set to, the screen cannot approve as
 * another person's own device), and never a proposal the same session made.
 */
export function ownDeviceRefusal(
  actor: GateActor,
  approver: RosterMember | undefined,
  proposedFrom: string | undefined,
): string | null {
  if (proposedFrom === sessionOf(actor)) {
    return 'the session that proposed a command cannot approve it under “own device only”'
  }
  if (actor.kind === 'leader' && !approver?.roles.includes('incident-leader')) {
    return 'under “own device only”, the leader’s screen approves only as the Incident Handling Leader'
  }
  return null
}

export interface ActingAs {
  personId: string
  via: ApprovalVia
  recordedBy: { personId: string; name: string } | null
}

/**
 * In whose name an act is made. A participant acts only as themselves; the leader's
 * session acts as the person at its keyboard, or records someone else's word (`inRoomFor`).
 */
export function actingAs(
  actor: GateActor,
  room: IncidentRoom,
  inRoomFor: string | undefined,
  refuse: (message: string) => never,
): ActingAs {
  if (actor.kind === 'participant') {
    if (inRoomFor !== undefined && inRoomFor !== actor.personId) {
      refuse('a participant acts in their own name only')
    }
    return { personId: actor.personId, via: 'own-device', recordedBy: null }
  }
  const operator = room.roster.find((m) => m.personId === room.operatorId)
  const personId =
    inRoomFor ?? operator?.personId ?? refuse('say who approves: nobody is at the keyboard')
  if (operator && personId === operator.personId) {
    return { personId, via: 'own-device', recordedBy: null }
  }
  return {
    personId,
    via: 'in-room',
    recordedBy: operator ? { personId: operator.personId, name: operator.name } : null,
  }
}

/**
 * The person, if they may act on this proposal: on the role board when it was proposed
 * (someone added later cannot approve it) and still on it now.
 */
export function memberFor(
  personId: string,
  proposedWith: readonly RosterMember[],
  now: readonly RosterMember[],
): RosterMember | undefined {
  const then = proposedWith.find((m) => m.personId === personId)
  return then && now.some((m) => m.personId === personId) ? then : undefined
}

/**
 * Checks a participant's signature over what they approve. A participant whose browser
 * registered a key must sign; one without a key (not a secure context) cannot.
 */
export async function checkedSignature(
  actor: GateActor,
  proposal: Proposal,
  given: { signedAt: number; value: string } | undefined,
  now: number,
  refuse: (message: string) => never,
): Promise<ApprovalSignature | null> {
  if (actor.kind === 'leader') {
    if (given) refuse('only an approver’s own browser signs their approval')
    return null
  }
  if (!actor.publicKey) {
    if (given) refuse('no signing key is registered for this session')
    return null
  }
  if (!given) refuse('this session signs its approvals: the approval carried no signature')
  if (Math.abs(now - given!.signedAt) > SIGNATURE_MAX_SKEW_MS) {
    refuse('the signature is too old (or from the future): approve again')
  }
  const signature: ApprovalSignature = {
    algorithm: SIGNATURE_ALGORITHM,
    publicKey: actor.publicKey,
    fingerprint: await keyFingerprint(actor.publicKey),
    signedAt: given!.signedAt,
    value: given!.value,
  }
  const valid = await verifyApprovalSignature(signature, {
    personId: actor.personId,
    proposalId: proposal.id,
    text: proposal.text,
    context: proposal.context,
    hash: proposal.hash,
  })
  if (!valid) refuse('the signature does not match this command: approval refused')
  return signature
}
