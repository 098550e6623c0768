import { isRequestName, requestSchemas, type HostHandlers } from '../../shared/contract'
import { HostCallError, toCallFailure, type CallResult } from '../../shared/rpc/host-error'

/**
 * The one entry point both shells forward calls to. Nothing reaches the core without
 * passing here: the method must be in the contract and the input must match its schema.
 * Never throws; failures come back as a CallResult for the wire.
 */
export async function dispatchCall(
  api: HostHandlers,
  method: unknown,
  input: unknown,
): Promise<CallResult> {
  try {
    if (!isRequestName(method)) {
      throw new HostCallError('bad-request', `unknown method ${String(method).slice(0, 100)}`)
    }
    const parsed = requestSchemas[method].input.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
      throw new HostCallError('bad-request', `${method}: ${issue?.message ?? 'invalid'}${where}`)
    }
    const handler = api[method] as (input: unknown) => Promise<unknown>
    return { ok: true, output: await handler(parsed.data) }
  } catch (error) {
    return toCallFailure(error)
  }
}
