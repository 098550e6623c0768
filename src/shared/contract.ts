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
import type { Confirmation, PresenceEntry } from './access'
import { PARTICIPANT_MODES } from './access'
import {
  MAX_COMMAND_CHARS,
  MAX_TERMINAL_WRITE_CHARS,
  base64,
  comment,
  confirmationCode,
  dimension,
  empty,
  id,
  rosterMember,
  saveFileRequest,
  sessionId,
  sha256Hex,
} from './contract-fields'
import type { AppInfo, Invite, RequestAccess, TerminalSession } from './contract-types'

export { MAX_COMMAND_CHARS, MAX_SAVE_CHARS, MAX_TERMINAL_WRITE_CHARS } from './contract-fields'
export { SAVE_KINDS, type SaveKind } from './contract-fields'
export type * from './contract-types'
export type * from './contract-api'

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
  /**
   * Gate-log entries recorded but not yet acknowledged (delivered again after a reload): the
   * oldest ones, in log order, a page at a time (well under a socket frame). `more`: others
   * wait behind them; ask again once these are stored and acknowledged.
   */
  'gate.pendingLog': {
    access: 'leader',
    input: empty,
    output: out<{ entries: CommandLogEntry[]; more: boolean }>(),
  },
  /**
   * The renderer stored this one gate-log entry (in IndexedDB), and every entry before it:
   * the host forgets exactly that entry (an entry a window could not store stays pending).
   */
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
  /**
   * The person read out the code their page shows and the leader typed it back: that invite's
   * session is theirs (until then an expert's page only watches). Refused for another code.
   */
  'invite.confirm': {
    access: 'leader',
    input: z.object({ inviteId: id, code: confirmationCode }).strict(),
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

  /** Opens the room view in a second Electron window to share on the call (browser shell: refused). */
  'window.openRoomView': { access: 'leader', input: empty, output: out<void>() },
  /** Saves an export through the native save dialog (browser shell: refused, it downloads). */
  'file.save': {
    access: 'leader',
    input: saveFileRequest,
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
  /** The leader confirmed this participant session's code: an expert's page may act now. */
  'session.confirmed': Confirmation
}

export type EventName = keyof HostEventMap
export type EventPayload<E extends EventName> = HostEventMap[E]

export const requestNames = Object.keys(requestSchemas) as RequestName[]

export function isRequestName(value: unknown): value is RequestName {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value)
}
