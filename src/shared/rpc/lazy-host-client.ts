import type { HostClient, HostEvents, RequestName } from '../contract'
import type { RawCall } from './host-client'

/**
 * The same client as a Proxy: any contract method name becomes a call, so the renderer
 * needs only the contract's types and none of its schemas (zod stays off its critical path).
 * The host validates every call, so a name outside the contract is refused there.
 */
export function createLazyHostClient(call: RawCall, events: HostEvents): HostClient {
  return new Proxy({} as HostClient, {
    get(_target, property) {
      if (property === 'on') return events.on
      // Not a thenable, not serializable: only string method names become calls.
      if (typeof property !== 'string' || property === 'then' || property === 'toJSON') {
        return undefined
      }
      return (input: unknown) => call(property as RequestName, input)
    },
  })
}
