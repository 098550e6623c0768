/**
 * The typed faces of the contract (./contract.ts): what the renderer calls, what the host
 * implements, how events are subscribed to and handed over. Derived, never written by hand.
 */
import type { z } from 'zod'
import type {
  EventName,
  EventPayload,
  RequestInput,
  RequestName,
  RequestOutput,
  requestSchemas,
} from './contract'

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

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void

/** Pushed events: subscribe, get an unsubscribe function back. */
export interface HostEvents {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void
}

/** What the renderer talks to, whichever shell it runs in (`window.warroom` in Electron). */
export type HostClient = HostApi & HostEvents

/** What a shell hands the core's events to: one call per pushed event. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void
