/**
 * The one seam between the renderer and the host (core behind either shell).
 *
 * Every request (with its response) and every pushed event is declared here once, with a
 * schema. The shells validate each incoming request against these schemas before the core
 * sees it; the renderer only imports the types. Adding a method is one entry here plus its
 * handler in the core.
 */
import { z } from 'zod'
import type { CommandLogEntry, GateSnapshot, Proposal } from './commands/gate-model'
import { ROLE_IDS } from './incident/model'
import { approvalPolicySchema } from './commands/approval-policy-schema'

export { approvalPolicySchema }

/** Largest single terminal write accepted: a huge paste is refused, not truncated silently. */
export const MAX_TERMINAL_WRITE_CHARS = 1_000_000
/** Terminal dimensions are clamped to a sane range; xterm never asks for more. */
const MAX_TERMINAL_DIMENSION = 2_000

const sessionId = z.string().min(1).max(64)
const dimension = z.number().int().min(1).max(MAX_TERMINAL_DIMENSION)

const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** Which shell hosts the core: the Electron window or the loopback browser shell. */
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  defaultCwd: z.string(),
  defaultShell: z.string(),
})

const terminalSession = z.object({
  sessionId,
  pid: z.number().int(),
  shell: z.string(),
  cwd: z.string(),
})

const empty = z.object({}).strict()

/** Longest command a proposal may hold (a script belongs in a file, not a proposal). */
export const MAX_COMMAND_CHARS = 20_000
const id = z.string().min(1).max(64)
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex')
const comment = z.string().max(2_000).optional()

const rosterMember = z
  .object({
    personId: id,
    name: z.string().min(1).max(200),
    roles: z.array(z.enum(ROLE_IDS)).max(10),
  })
  .strict()

const proposalRef = { sessionId, proposalId: id, personId: id }

/** Largest export saved through the desktop's save dialog (a 10k-event JSON is ~6 MB). */
export const MAX_SAVE_CHARS = 100_000_000
export const SAVE_KINDS = ['markdown', 'json'] as const
export type SaveKind = (typeof SAVE_KINDS)[number]

export const requestSchemas = {
  'app.info': { input: empty, output: appInfo },
  'terminal.create': {
    input: z
      .object({
        cwd: z.string().min(1).max(4096).optional(),
        cols: dimension,
        rows: dimension,
      })
      .strict(),
    output: terminalSession,
  },
  /** Keystrokes typed into the terminal view; the gate may refuse them (see `refused`). */
  'terminal.write': {
    input: z.object({ sessionId, data: z.string().max(MAX_TERMINAL_WRITE_CHARS) }).strict(),
    output: z.object({ refused: z.string().nullable(), reason: z.string().nullable() }),
  },
  'terminal.resize': {
    input: z.object({ sessionId, cols: dimension, rows: dimension }).strict(),
    output: z.void(),
  },
  /** Flow control: the renderer reports how many chars xterm has parsed. */
  'terminal.ack': {
    input: z.object({ sessionId, chars: z.number().int().min(0) }).strict(),
    output: z.void(),
  },
  'terminal.kill': {
    input: z.object({ sessionId }).strict(),
    output: z.void(),
  },
  /** Attaches a terminal's gate to an incident: who is on the role board, which policy. */
  'gate.configure': {
    input: z
      .object({
        sessionId,
        incidentId: id,
        roster: z.array(rosterMember).max(500),
        policy: approvalPolicySchema,
      })
      .strict(),
    output: z.custom<GateSnapshot>(),
  },
  'gate.state': { input: z.object({ sessionId }).strict(), output: z.custom<GateSnapshot>() },
  'gate.propose': {
    input: z
      .object({
        sessionId,
        text: z.string().min(1).max(MAX_COMMAND_CHARS),
        proposerId: id,
        /** Editing a proposal: the old one is withdrawn and its approvals are void. */
        replaces: id.optional(),
      })
      .strict(),
    output: z.custom<Proposal>(),
  },
  'gate.approve': {
    input: z.object({ ...proposalRef, hash: sha256Hex, comment }).strict(),
    output: z.custom<Proposal>(),
  },
  'gate.reject': {
    input: z.object({ ...proposalRef, hash: sha256Hex, comment }).strict(),
    output: z.custom<Proposal>(),
  },
  'gate.withdraw': { input: z.object(proposalRef).strict(), output: z.custom<Proposal>() },
  'gate.run': {
    input: z.object({ ...proposalRef, hash: sha256Hex }).strict(),
    output: z.custom<Proposal>(),
  },
  'gate.breakGlass': {
    input: z.object({ sessionId, personId: id, reason: z.string().min(1).max(2_000) }).strict(),
    output: z.custom<GateSnapshot>(),
  },
  'gate.endBreakGlass': {
    input: z.object({ sessionId, personId: id }).strict(),
    output: z.custom<GateSnapshot>(),
  },
  /**
   * Saves an export through the desktop's native save dialog. The browser shell has no
   * dialog: it refuses, and the renderer downloads the file instead.
   */
  'file.save': {
    input: z
      .object({
        suggestedName: z.string().min(1).max(255),
        content: z.string().max(MAX_SAVE_CHARS),
        kind: z.enum(SAVE_KINDS),
      })
      .strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
} as const

export const eventSchemas = {
  'terminal.data': z.object({ sessionId, data: z.string() }),
  'terminal.exit': z.object({
    sessionId,
    exitCode: z.number().int(),
    signal: z.number().int().nullable(),
  }),
  /** The gate changed: what the room sees of it now. */
  'gate.snapshot': z.custom<GateSnapshot>(),
  /** One command-log entry for the incident record (the renderer chains and stores it). */
  'gate.log': z.object({ sessionId, entry: z.custom<CommandLogEntry>() }),
} as const

export type RequestName = keyof typeof requestSchemas
export type RequestInput<M extends RequestName> = z.input<(typeof requestSchemas)[M]['input']>
export type RequestOutput<M extends RequestName> = z.output<(typeof requestSchemas)[M]['output']>
export type EventName = keyof typeof eventSchemas
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>

export type AppInfo = z.output<typeof appInfo>
export type TerminalSession = z.output<typeof terminalSession>

/** Request → response, one function per method. */
export type HostApi = {
  [M in RequestName]: (input: RequestInput<M>) => Promise<RequestOutput<M>>
}

/** A request's input after the host validated it (defaults filled in). */
export type ValidatedInput<M extends RequestName> = z.output<(typeof requestSchemas)[M]['input']>

/** What the host implements: each handler gets input its schema has already checked. */
export type HostHandlers = {
  [M in RequestName]: (input: ValidatedInput<M>) => Promise<RequestOutput<M>>
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

/** Error codes a call can fail with, the same over every bridge. */
export type HostErrorCode = 'bad-request' | 'not-found' | 'refused' | 'internal'
