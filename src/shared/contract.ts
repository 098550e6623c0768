/**
 * The one seam between the renderer and the host (core behind either shell).
 *
 * Every request (with its response, and who may make it) and every pushed event is declared
 * here once. The shells validate each incoming request against these schemas before the core
 * sees it; the renderer only imports the types. Adding a method is one entry here plus its
 * handler in the core.
 */
import { z } from 'zod'
import { approvalPolicySchema } from './commands/approval-policy-schema'
import type { CommandLogEntry, GateSnapshot, Proposal } from './commands/gate-model'
import { ROLE_IDS } from './incident/model'
import type { Participant, ParticipantMode, PresenceEntry } from './access'
import { PARTICIPANT_MODES } from './access'

export { approvalPolicySchema }

/** Largest single terminal write accepted: a huge paste is refused, not truncated silently. */
export const MAX_TERMINAL_WRITE_CHARS = 1_000_000
/** Terminal dimensions are clamped to a sane range; xterm never asks for more. */
const MAX_TERMINAL_DIMENSION = 2_000
/** Longest command a proposal may hold (a script belongs in a file, not a proposal). */
export const MAX_COMMAND_CHARS = 20_000
/** Largest export saved through the desktop's save dialog (a 10k-event JSON is ~6 MB). */
export const MAX_SAVE_CHARS = 100_000_000
export const SAVE_KINDS = ['markdown', 'json'] as const
export type SaveKind = (typeof SAVE_KINDS)[number]

const id = z.string().min(1).max(64)
const sessionId = id
const dimension = z.number().int().min(1).max(MAX_TERMINAL_DIMENSION)
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex')
const comment = z.string().max(2_000).optional()
const base64 = z
  .string()
  .max(4_096)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64')
const empty = z.object({}).strict()

const rosterMember = z
  .object({
    personId: id,
    name: z.string().min(1).max(200),
    roles: z.array(z.enum(ROLE_IDS)).max(10),
  })
  .strict()

/** Who may make a request: anyone connected, experts (participants in expert mode and the
 * leader), participants only, or only the leader's session. */
export type RequestAccess = 'anyone' | 'expert' | 'participant' | 'leader'

/** Who this connection is: the leader's session (the launch token) or an invited person. */
export type SessionAccess =
  { role: 'leader' } | ({ role: 'participant'; incidentTitle: string } & Participant)

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

const out = <O>() => z.custom<O>()

export const requestSchemas = {
  'app.info': { access: 'anyone', input: empty, output: out<AppInfo>() },

  /** The terminals this session may see (a participant: those of their incident). */
  'terminal.list': { access: 'anyone', input: empty, output: out<TerminalSession[]>() },
  /** A new shell for an incident (at most a few live per host). */
  'terminal.create': {
    access: 'leader',
    input: z
      .object({
        incidentId: id,
        cwd: z.string().min(1).max(4096).optional(),
        cols: dimension,
        rows: dimension,
      })
      .strict(),
    output: out<TerminalSession>(),
  },
  /**
   * Shows a running terminal in this window: recent output is replayed (a `terminal.data`
   * event with `replay: true` comes before the answer), then live output follows.
   * `controlling` windows set the pace of the shell (flow control) and may resize it.
   */
  'terminal.attach': {
    access: 'anyone',
    input: z.object({ sessionId, controlling: z.boolean() }).strict(),
    output: out<TerminalSession>(),
  },
  'terminal.detach': {
    access: 'anyone',
    input: z.object({ sessionId }).strict(),
    output: out<void>(),
  },
  /** Keystrokes typed into the terminal view; the gate may refuse them (see `refused`). */
  'terminal.write': {
    access: 'leader',
    input: z.object({ sessionId, data: z.string().max(MAX_TERMINAL_WRITE_CHARS) }).strict(),
    output: out<{ refused: string | null; reason: string | null }>(),
  },
  'terminal.resize': {
    access: 'leader',
    input: z.object({ sessionId, cols: dimension, rows: dimension }).strict(),
    output: out<void>(),
  },
  /** Flow control: this window's xterm has parsed this many more bytes. */
  'terminal.ack': {
    access: 'anyone',
    input: z.object({ sessionId, bytes: z.number().int().min(0).max(1e9) }).strict(),
    output: out<void>(),
  },
  /** Ends a shell. While an approved command runs it is refused unless `force` (asked first). */
  'terminal.kill': {
    access: 'leader',
    input: z.object({ sessionId, force: z.boolean().optional() }).strict(),
    output: out<void>(),
  },

  /**
   * Who is on the role board, the policy in force and who is at the leader's keyboard, for
   * one incident. The host keeps them; each change is a gate-log entry.
   */
  'incident.configure': {
    access: 'leader',
    input: z
      .object({
        incidentId: id,
        /** Shown to participants: which incident they joined. */
        title: z.string().max(500),
        roster: z.array(rosterMember).max(500),
        policy: approvalPolicySchema,
        operatorId: id.nullable(),
      })
      .strict(),
    output: out<void>(),
  },
  /** The incident closed: its invites end, its participants are sent away, its shells end. */
  'incident.end': {
    access: 'leader',
    input: z.object({ incidentId: id, force: z.boolean().optional() }).strict(),
    output: out<void>(),
  },

  'gate.state': {
    access: 'anyone',
    input: z.object({ sessionId }).strict(),
    output: out<GateSnapshot>(),
  },
  /**
   * A participant proposes in their own name; the leader's screen proposes in the name of
   * someone in the room (`proposerId`).
   */
  'gate.propose': {
    access: 'expert',
    input: z
      .object({
        sessionId,
        text: z.string().min(1).max(MAX_COMMAND_CHARS),
        proposerId: id.optional(),
        /** Editing a proposal: the old one is withdrawn and its approvals are void. */
        replaces: id.optional(),
      })
      .strict(),
    output: out<Proposal>(),
  },
  /**
   * An approval counts as the caller's own (a participant; or the leader approving as the
   * person at their keyboard). The leader may record an approval said aloud in the room
   * (`onBehalfOf`): it is recorded and shown as such, and counts only if the policy says so.
   */
  'gate.approve': {
    access: 'expert',
    input: z
      .object({
        sessionId,
        proposalId: id,
        hash: sha256Hex,
        comment,
        onBehalfOf: id.optional(),
        signature: z
          .object({ signedAt: z.number().int().min(0), value: base64 })
          .strict()
          .optional(),
      })
      .strict(),
    output: out<Proposal>(),
  },
  'gate.reject': {
    access: 'expert',
    input: z
      .object({ sessionId, proposalId: id, hash: sha256Hex, comment, onBehalfOf: id.optional() })
      .strict(),
    output: out<Proposal>(),
  },
  'gate.withdraw': {
    access: 'expert',
    input: z.object({ sessionId, proposalId: id }).strict(),
    output: out<Proposal>(),
  },
  /** Writes an approved command into the shell (the leader's terminal: the leader's act). */
  'gate.run': {
    access: 'leader',
    input: z.object({ sessionId, proposalId: id, hash: sha256Hex }).strict(),
    output: out<Proposal>(),
  },
  'gate.breakGlass': {
    access: 'leader',
    input: z.object({ sessionId, personId: id, reason: z.string().min(1).max(2_000) }).strict(),
    output: out<GateSnapshot>(),
  },
  'gate.endBreakGlass': {
    access: 'leader',
    input: z.object({ sessionId, personId: id }).strict(),
    output: out<GateSnapshot>(),
  },
  /** Hides the terminal from the room (or shows it again); recorded. */
  'gate.curtain': {
    access: 'leader',
    input: z.object({ sessionId, closed: z.boolean() }).strict(),
    output: out<GateSnapshot>(),
  },
  /** Gate-log entries recorded but not yet stored by a window (delivered again after a reload). */
  'gate.pendingLog': { access: 'leader', input: empty, output: out<CommandLogEntry[]>() },
  /** The renderer stored gate-log entries up to this one (in IndexedDB): the host may stop resending them. */
  'gate.ackLog': {
    access: 'leader',
    input: z.object({ logId: id, seq: z.number().int().min(0) }).strict(),
    output: out<void>(),
  },

  /** A personal invite link for someone on the role board (observer or expert). */
  'invite.create': {
    access: 'leader',
    input: z.object({ incidentId: id, personId: id, mode: z.enum(PARTICIPANT_MODES) }).strict(),
    output: out<Invite>(),
  },
  'invite.list': {
    access: 'leader',
    input: z.object({ incidentId: id }).strict(),
    output: out<Invite[]>(),
  },
  /** Ends an invite: its sessions are closed at once. */
  'invite.revoke': {
    access: 'leader',
    input: z.object({ inviteId: id }).strict(),
    output: out<void>(),
  },
  /** Who is connected to an incident through invite links, now. */
  'presence.list': {
    access: 'leader',
    input: z.object({ incidentId: id }).strict(),
    output: out<PresenceEntry[]>(),
  },
  /** A participant's browser registers the public half of its signing key. */
  'participant.registerKey': {
    access: 'participant',
    input: z.object({ publicKey: base64 }).strict(),
    output: out<{ fingerprint: string }>(),
  },

  /**
   * Opens the room view in a window of its own, to share on the call while the leader works
   * in the first (Electron: a second window with the same security settings). The browser
   * shell refuses: the page opens a browser window itself.
   */
  'window.openRoomView': { access: 'leader', input: empty, output: out<void>() },
  /**
   * Saves an export through the desktop's native save dialog. The browser shell has no
   * dialog: it refuses, and the renderer downloads the file instead.
   */
  'file.save': {
    access: 'leader',
    input: z
      .object({
        suggestedName: z.string().min(1).max(255),
        content: z.string().max(MAX_SAVE_CHARS),
        kind: z.enum(SAVE_KINDS),
      })
      .strict(),
    output: out<{ saved: boolean; path: string | null }>(),
  },
} as const satisfies Record<string, { access: RequestAccess; input: z.ZodType; output: z.ZodType }>

export type RequestName = keyof typeof requestSchemas
export type RequestInput<M extends RequestName> = z.input<(typeof requestSchemas)[M]['input']>
export type RequestOutput<M extends RequestName> = z.output<(typeof requestSchemas)[M]['output']>

/** Pushed events and their payloads (plain types: they come from the host, not a client). */
export interface HostEventMap {
  /** Terminal output as bytes; `replay: true` means "reset the screen, then show this". */
  'terminal.data': { sessionId: string; data: Uint8Array; replay: boolean }
  'terminal.exit': { sessionId: string; exitCode: number; signal: number | null }
  /** The terminals this session may see changed (one started or ended). */
  'terminal.list': { sessions: TerminalSession[] }
  /** The gate changed: what the room sees of it now. */
  'gate.snapshot': GateSnapshot
  /** One gate-log entry for the incident record (leader's windows; acknowledged once stored). */
  'gate.log': { entry: CommandLogEntry }
  /** Who is connected through invite links changed (leader's windows). */
  presence: { incidentId: string; entries: PresenceEntry[] }
  /** This participant session was ended (revoked, or the incident closed). */
  'session.ended': { reason: string }
}

export type EventName = keyof HostEventMap
export type EventPayload<E extends EventName> = HostEventMap[E]

/** Request → response, one function per method. */
export type HostApi = {
  [M in RequestName]: (input: RequestInput<M>) => Promise<RequestOutput<M>>
}

/** What the host implements: each handler gets input its schema has already checked. */
export type HostHandlers = {
  [M in RequestName]: (input: ValidatedInput<M>) => Promise<RequestOutput<M>>
}

/** A request's input after the host validated it (defaults filled in). */
export type ValidatedInput<M extends RequestName> = z.output<(typeof requestSchemas)[M]['input']>

export function requestAccess(method: RequestName): RequestAccess {
  return requestSchemas[method].access
}

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void

/** Pushed events: subscribe, get an unsubscribe function back. */
export interface HostEvents {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void
}

/** What the renderer talks to, whichever shell it runs in (`window.warroom` in Electron). */
export type HostClient = HostApi & HostEvents

/** What a shell hands the core's events to: one call per pushed event. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export const requestNames = Object.keys(requestSchemas) as RequestName[]

export function isRequestName(value: unknown): value is RequestName {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value)
}

/** The two Electron IPC channels the bridge uses; no other channel exists. */
export const ipcChannels = {
  call: 'warroom:call',
  event: 'warroom:event',
} as const

/**
 * Error codes a call can fail with, the same over every bridge. `confirm`: the act would end
 * something running; ask the person, then repeat it with `force`.
 */
export type HostErrorCode = 'bad-request' | 'not-found' | 'refused' | 'confirm' | 'internal'
