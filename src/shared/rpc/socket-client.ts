import type { RequestName } from '../contract'
import { createEventHub } from './event-hub'
import { createLazyHostClient } from './lazy-host-client'
import { HostCallError, unwrapCallResult } from './host-error'
import type { ClientMessage, ServerMessage } from './socket-protocol'
import type { HostClient } from '../contract'

/** The part of the WebSocket API both the browser's and the `ws` package's sockets share. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(): void
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
}

const SOCKET_OPEN = 1

export interface SocketClient {
  client: HostClient
  /** Called once when the connection to the host is lost. */
  onClose(listener: () => void): void
  close(): void
}

/** Connects the typed client to the browser shell over one WebSocket. */
export function connectSocketClient(socket: SocketLike): Promise<SocketClient> {
  const hub = createEventHub()
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const closeListeners: Array<() => void> = []
  let nextId = 1
  let closed = false

  socket.addEventListener('message', ({ data }) => {
    if (typeof data !== 'string') return
    const message = JSON.parse(data) as ServerMessage
    if (message.kind === 'event') {
      hub.emit(message.event, message.payload)
      return
    }
    const waiter = pending.get(message.id)
    if (!waiter) return
    pending.delete(message.id)
    try {
      waiter.resolve(unwrapCallResult(message.result))
    } catch (error) {
      waiter.reject(error as Error)
    }
  })

  socket.addEventListener('close', () => {
    if (closed) return
    closed = true
    for (const waiter of pending.values()) {
      waiter.reject(new HostCallError('internal', 'the connection to the host was lost'))
    }
    pending.clear()
    for (const listener of closeListeners) listener()
  })

  const call = (method: RequestName, input: unknown): Promise<unknown> => {
    if (closed || socket.readyState !== SOCKET_OPEN) {
      return Promise.reject(new HostCallError('internal', 'not connected to the host'))
    }
    const id = nextId++
    const message: ClientMessage = { kind: 'call', id, method, input }
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      socket.send(JSON.stringify(message))
    })
  }

  const ready: SocketClient = {
    client: createLazyHostClient(call, hub),
    onClose: (listener) => closeListeners.push(listener),
    close: () => socket.close(),
  }

  return new Promise((resolve, reject) => {
    if (socket.readyState === SOCKET_OPEN) return resolve(ready)
    socket.addEventListener('open', () => resolve(ready))
    socket.addEventListener('error', () =>
      reject(new HostCallError('internal', 'could not connect to the host')),
    )
  })
}
