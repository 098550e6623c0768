import type { StateCreator } from 'zustand'
import type { GateSnapshot } from '../../shared/commands/gate-model'
import type { RequestInput, RequestName } from '../../shared/contract'
import type { HostSlice } from './host-slice'

/** The gate's calls made from a terminal's view (all of them name that terminal). */
export type GateAction = Extract<
  RequestName,
  | 'gate.propose'
  | 'gate.approve'
  | 'gate.reject'
  | 'gate.withdraw'
  | 'gate.run'
  | 'gate.breakGlass'
  | 'gate.endBreakGlass'
  | 'gate.curtain'
>

type WithoutSession<M extends GateAction> = Omit<RequestInput<M>, 'sessionId'>

/** Longest refused text kept for "Propose this" (more is a paste: it goes to the box). */
const MAX_REFUSED_CHARS = 2_000

export interface GateSlice {
  terminalSessionId: string | null
  gate: GateSnapshot | null
  /** Why the gate refused the last request (shown next to the commands). */
  gateError: string | null
  /** Keys typed at the prompt that the gate held back, offered as a proposal. */
  refusedTyping: { text: string; reason: string } | null
  /** The proposal box's text (filled by typing, templates, pastes and "Propose this"). */
  proposalDraft: string
  /** Set while editing a proposal: proposing withdraws it (its approvals are void). */
  proposalReplaces: string | null
  terminalAttached(sessionId: string | null): void
  gateChanged(snapshot: GateSnapshot): void
  /** Calls the gate for the attached terminal; false (and gateError) when it refused. */
  gateCall<M extends GateAction>(method: M, input: WithoutSession<M>): Promise<boolean>
  keysRefused(data: string, reason: string): void
  dismissRefusedTyping(): void
  setProposalDraft(text: string, replaces?: string | null): void
}

/** Applies the editing keys a shell would (backspace, Ctrl-U) to refused typing. */
function typeInto(text: string, data: string): string {
  let next = text
  for (const char of data) {
    if (char === '\u007f' || char === '\b') next = next.slice(0, -1)
    else if (char === '\u0015') next = ''
    else if (char === '\r' || char === '\n') continue
    else if (char >= ' ') next += char
  }
  return next.slice(0, MAX_REFUSED_CHARS)
}

export const createGateSlice: StateCreator<HostSlice & GateSlice, [], [], GateSlice> = (
  set,
  get,
) => ({
  terminalSessionId: null,
  gate: null,
  gateError: null,
  refusedTyping: null,
  proposalDraft: '',
  proposalReplaces: null,

  terminalAttached: (sessionId) =>
    set((s) =>
      s.terminalSessionId === sessionId
        ? s
        : { terminalSessionId: sessionId, gate: null, gateError: null, refusedTyping: null },
    ),

  gateChanged(snapshot) {
    if (snapshot.sessionId !== get().terminalSessionId) return
    set({ gate: snapshot })
  },

  async gateCall(method, input) {
    const { host, terminalSessionId } = get()
    if (!host || !terminalSessionId) {
      set({ gateError: 'The terminal is not running.' })
      return false
    }
    try {
      const call = host[method] as (input: RequestInput<typeof method>) => Promise<unknown>
      await call({ ...input, sessionId: terminalSessionId } as RequestInput<typeof method>)
      set({ gateError: null })
      return true
    } catch (error) {
      set({ gateError: error instanceof Error ? error.message : String(error) })
      return false
    }
  },

  keysRefused(data, reason) {
    set((s) => ({ refusedTyping: { text: typeInto(s.refusedTyping?.text ?? '', data), reason } }))
  },

  dismissRefusedTyping: () => set({ refusedTyping: null }),

  setProposalDraft: (text, replaces) =>
    set((s) => ({
      proposalDraft: text,
      proposalReplaces: replaces === undefined ? s.proposalReplaces : replaces,
    })),
})
