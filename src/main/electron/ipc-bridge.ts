import type { EventName, EventPayload } from '../../shared/contract'
import { ipcChannels } from '../../shared/rpc/ipc-channels'
import type { CallResult } from '../../shared/rpc/host-error'
import type { Host, HostConnection } from '../core/host'
import { dispatchCall } from '../core/router'

/** The slice of Electron's WebContents the bridge uses (so tests can stand in for it). */
export interface IpcSender {
  readonly id: number
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  once(event: 'destroyed', listener: () => void): void
  on(event: 'did-navigate', listener: () => void): void
}

export interface IpcCallEvent {
  sender: IpcSender
  senderFrame: { url: string } | null
}

/** The slice of Electron's ipcMain the bridge uses. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcCallEvent, ...args: unknown[]) => Promise<CallResult>,
  ): void
  removeHandler(channel: string): void
}

/**
 * Serves the contract over Electron IPC: one `invoke` channel for calls, one channel for
 * pushed events. Each window gets its own host connection (the leader's session: only the
 * app's own windows reach here), ended when the window is destroyed or navigates (reload);
 * its shells and running commands keep running, and the window reattaches when it is back.
 */
export function bridgeIpc(
  ipcMain: IpcMainLike,
  host: Host,
  isTrustedFrame: (url: string) => boolean,
): () => void {
  const connections = new Map<number, HostConnection>()

  const connectionFor = (sender: IpcSender): HostConnection => {
    const existing = connections.get(sender.id)
    if (existing) return existing
    const connection = host.connect({
      principal: { kind: 'leader' },
      // Terminal output crosses as bytes (a Uint8Array is copied by structured clone).
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (!sender.isDestroyed()) sender.send(ipcChannels.event, event, payload)
      },
    })
    connections.set(sender.id, connection)
    const end = () => {
      if (connections.get(sender.id) !== connection) return
      connections.delete(sender.id)
      connection.dispose()
    }
    sender.once('destroyed', end)
    sender.on('did-navigate', end)
    return connection
  }

  ipcMain.handle(ipcChannels.call, async (event, method, input) => {
    if (!event.senderFrame || !isTrustedFrame(event.senderFrame.url)) {
      return { ok: false, error: { code: 'refused', message: 'untrusted sender' } }
    }
    return dispatchCall(connectionFor(event.sender).api, method, input)
  })

  return () => {
    ipcMain.removeHandler(ipcChannels.call)
    for (const connection of connections.values()) connection.dispose()
    connections.clear()
  }
}
