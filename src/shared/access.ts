/**
 * People in the war room other than the leader: they join through a personal invite link as
 * observers (watch the terminal and the pending commands) or experts (also propose, approve
 * and reject, in their own name, from their own device). See DESIGN.md §2b.
 */
export const PARTICIPANT_MODES = ['observer', 'expert'] as const
export type ParticipantMode = (typeof PARTICIPANT_MODES)[number]

/** Where an invite link was followed from, as the server saw the connection. */
export interface JoinPeer {
  /** The peer's address (an IPv4-mapped IPv6 address shown as IPv4). */
  address: string
  /** A loopback address: a browser on the leader's machine, or a tunnel (SSH) ending there. */
  loopback: boolean
  /** One of the leader's machine's own (non-loopback) addresses: a browser on that machine. */
  thisMachine: boolean
  /** What the browser says it is (printable, shortened); null when it said nothing. */
  userAgent: string | null
}

/**
 * The leader confirmed that a session is its person's: the person read out the code their
 * page shows, and the leader typed it back.
 */
export interface Confirmation {
  /** Who confirmed it (the person at the leader's keyboard). */
  by: string
  at: number
}

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
  /** Where the invite link was followed from (null: not known, a session made in-process). */
  joinedFrom: JoinPeer | null
  /** Null until the leader confirms the code the person read out: an expert acts only then. */
  confirmed: Confirmation | null
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
  joinedFrom: JoinPeer | null
  confirmed: Confirmation | null
}

/** "127.0.0.1 (the leader's machine, or a tunnel to it)", "192.168.1.23": for people. */
export function describeJoinPeer(peer: JoinPeer): string {
  if (peer.loopback) return `${peer.address} (the leader’s machine, or a tunnel to it)`
  if (peer.thisMachine) return `${peer.address} (the leader’s machine)`
  return peer.address
}

/** How an own-device approval's session joined, for its label ("joined from 192.168.1.23"). */
export function joinedLabel(peer: JoinPeer): string {
  if (peer.loopback) return 'joined on the leader’s machine or through a tunnel'
  if (peer.thisMachine) return 'joined on the leader’s machine'
  return `joined from ${peer.address}`
}
