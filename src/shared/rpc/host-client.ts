import {
  requestNames,
  type HostApi,
  type HostClient,
  type HostEvents,
  type RequestName,
} from '../contract'

/** Sends one call over some transport and resolves with its output (or throws). */
export type RawCall = (method: RequestName, input: unknown) => Promise<unknown>

/**
 * Builds the typed client from one untyped call function: one method per contract entry,
 * so no bridge keeps a hand-written list of methods. Used where a plain object is needed
 * (the preload: contextBridge copies objects, it cannot expose a Proxy).
 */
export function createHostClient(call: RawCall, events: HostEvents): HostClient {
  const api = Object.fromEntries(
    requestNames.map((method) => [method, (input: unknown) => call(method, input)]),
  ) as unknown as HostApi
  return { ...api, on: events.on }
}
