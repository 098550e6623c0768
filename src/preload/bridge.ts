import type { EventName, EventPayload, HostClient } from '../shared/contract'
import { ipcChannels } from '../shared/rpc/ipc-channels'
import { createEventHub } from '../shared/rpc/event-hub'
import { createHostClient } from '../shared/rpc/host-client'
import { unwrapCallResult, type CallResult } from '../shared/rpc/host-error'

/** The slice of Electron's ipcRenderer the preload uses (so tests can stand in for it). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void
}

/** The object exposed as `window.warroom`: the contract, and nothing else. */
export function createPreloadApi(ipc: IpcRendererLike): HostClient {
  const hub = createEventHub()
  ipc.on(ipcChannels.event, (_event, name, payload) =>
    hub.emit(name as EventName, payload as EventPayload<EventName>),
  )
  return createHostClient(
    async (method, input) =>
      unwrapCallResult((await ipc.invoke(ipcChannels.call, method, input)) as CallResult),
    hub,
  )
}
