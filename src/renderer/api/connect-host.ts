import type { HostClient } from '../../shared/contract'
import { connectSocketClient } from '../../shared/rpc/socket-client'

/** Path of the browser shell's WebSocket (see src/main/server/browser-shell.ts). */
const SOCKET_PATH = '/rpc'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    warroom?: HostClient
  }
}

export interface HostConnection {
  client: HostClient
  /** Registers a callback for when the host goes away (browser shell only). */
  onLost(listener: () => void): void
}

/** The same interface in both shells: the preload's bridge, or the WebSocket client. */
export async function connectHost(): Promise<HostConnection> {
  if (window.warroom) return { client: window.warroom, onLost: () => {} }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const socket = await connectSocketClient(
    new WebSocket(`${scheme}://${location.host}${SOCKET_PATH}`),
  )
  return { client: socket.client, onLost: socket.onClose }
}
