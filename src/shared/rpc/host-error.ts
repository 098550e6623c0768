/**
 * Error codes a call can fail with, the same over every bridge. `confirm`: the act would end
 * something running; ask the person, then repeat it with `force`.
 */
export type HostErrorCode = 'bad-request' | 'not-found' | 'refused' | 'confirm' | 'internal'

/** A failed host call, as seen by the caller on either bridge. */
export class HostCallError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'HostCallError'
  }
}

/** The serializable shape of a call's result on the wire (IPC and WebSocket alike). */
export type CallResult =
  { ok: true; output: unknown } | { ok: false; error: { code: HostErrorCode; message: string } }

export function toCallFailure(error: unknown): CallResult {
  if (error instanceof HostCallError) {
    return { ok: false, error: { code: error.code, message: error.message } }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { ok: false, error: { code: 'internal', message } }
}

/** Turns a wire result back into a value or a thrown HostCallError. */
export function unwrapCallResult(result: CallResult): unknown {
  if (result.ok) return result.output
  throw new HostCallError(result.error.code, `[${result.error.code}] ${result.error.message}`)
}
