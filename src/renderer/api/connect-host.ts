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

/** The renderer's link to the host, whichever shell serves it. */
export interface HostLink {
  client: HostClient
  /** Registers a callback for when the host goes away (browser shell only). */
  onLost(listener: () => void): void
}

/**
 * A page opened through an invite link says so in its address (`?as=participant`): its
 * socket then presents the participant's cookie rather than the leader's.
 */
export function isParticipantPage(): boolean {
  return new URLSearchParams(location.search).get('as') === 'participant'
}

/** The same interface in both shells: the preload's bridge, or the WebSocket client. */
export async function connectHost(): Promise<HostLink> {
  if (window.warroom) return { client: window.warroom, onLost: () => {} }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const query = isParticipantPage() ? '?as=participant' : ''
  const socket = await connectSocketClient(
    new WebSocket(`${scheme}://${location.host}${SOCKET_PATH}${query}`),
  )
  return { client: socket.client, onLost: socket.onClose }
}

let shared: Promise<HostLink> | null = null

/**
 * The page's one link to the host: the start-up path (the terminal, before the app's
 * bundle) and the app share it, so the shell attached early is attached on this link.
 */
export function sharedHostLink(): Promise<HostLink> {
  shared ??= connectHost()
  return shared
}
