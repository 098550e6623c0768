/**
 * People in the war room other than the leader: they join through a personal invite link as
 * observers (watch the terminal and the pending commands) or experts (also propose, approve
 * and reject, in their own name, from their own device). See DESIGN.md §2b.
 */
export const PARTICIPANT_MODES = ['observer', 'expert'] as const
export type ParticipantMode = (typeof PARTICIPANT_MODES)[number]

/** An invited person's session, as the host knows it. */
export interface Participant {
  participantId: string
  inviteId: string
  incidentId: string
  personId: string
  name: string
  mode: ParticipantMode
  /** Fingerprint of the key their browser signs approvals with (null until registered). */
  keyFingerprint: string | null
}

/** One person connected through an invite link, for the leader's screen. */
export interface PresenceEntry {
  inviteId: string
  personId: string
  name: string
  mode: ParticipantMode
  /** Windows open on this invite right now. */
  connections: number
  keyFingerprint: string | null
  since: number
}
