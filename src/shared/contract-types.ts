/**
 * What the contract's requests and events carry about sessions and shells (./contract.ts
 * declares the requests themselves).
 */
import type { Participant, ParticipantMode } from './access'

/** Who may make a request: anyone connected, experts (participants in expert mode and the
 * leader), participants only, or only the leader's session. */
export type RequestAccess = 'anyone' | 'expert' | 'participant' | 'leader'

/** Who this connection is: the leader's session (the launch token) or an invited person. */
export type SessionAccess =
  | { role: 'leader' }
  | ({
      role: 'participant'
      incidentTitle: string
      /** The code this person reads out to the leader, who types it back to confirm them. */
      pairingCode: string
    } & Participant)

export interface AppInfo {
  name: string
  version: string
  /** Which shell hosts the core: the Electron window or the loopback browser shell. */
  shell: 'electron' | 'browser'
  platform: string
  defaultCwd: string
  defaultShell: string
  /** Where the host keeps its gate log (the leader's session only; null for participants). */
  dataDir: string | null
  access: SessionAccess
  /** What the leader should know about this host (e.g. a kernel that allows tty injection). */
  warnings: string[]
}

/** A terminal the host runs for an incident; it outlives the windows that show it. */
export interface TerminalSession {
  sessionId: string
  incidentId: string
  pid: number
  shell: string
  cwd: string
  cols: number
  rows: number
  createdAt: number
}

/** A personal invite link for one person and one incident. */
export interface Invite {
  inviteId: string
  incidentId: string
  personId: string
  name: string
  mode: ParticipantMode
  createdAt: number
  /** Holds the one-time token: shown once, to the leader who made it. */
  url: string | null
  used: boolean
  revoked: boolean
  /** SHA-256 fingerprint of the HTTPS certificate when the link is served on the LAN. */
  certificateFingerprint: string | null
}
