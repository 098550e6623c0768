import type { HostClient, RequestName } from '../contract'
import { createEventHub } from './event-hub'
import { HostCallError, unwrapCallResult } from './host-error'
import { createLazyHostClient } from './lazy-host-client'
import { decodeOutputFrame, type ClientMessage, type ServerMessage } from './socket-protocol'

/** The part of the WebSocket API both the browser's and the `ws` package's sockets share. */
export interface SocketLike {
  readonly readyState: number
  binaryType: string
  send(data: string): void
  close(): void
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
}

const SOCKET_OPEN = 1
/** A call the host has not answered within this time fails (the host or the link is stuck). */
export const CALL_TIMEOUT_MS = 30_000

export interface SocketClient {
  client: HostClient
  /** Called once when the connection to the host is lost. */
  onClose(listener: () => void): void
  close(): void
}

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (data instanceof Uint8Array) return data
  return null
}

/** Connects the typed client to the browser shell over one WebSocket. */
export function connectSocketClient(
  socket: SocketLike,
  options: { callTimeoutMs?: number } = {},
): Promise<SocketClient> {
  const timeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS
  const hub = createEventHub()
  const pending = new Map<
    number,
    {
      resolve: (v: unknown) => void
      reject: (e: Error) => void
      timer: ReturnType<typeof setTimeout>
    }
  >()
  const closeListeners: Array<() => void> = []
  let nextId = 1
  let closed = false
  socket.binaryType = 'arraybuffer'

  const onText = (data: string) => {
    let message: ServerMessage
    try {
      message = JSON.parse(data) as ServerMessage
    } catch {
      return // not a message of ours: ignore it rather than fail every later one
    }
    if (message.kind === 'event') {
      hub.emit(message.event, message.payload)
      return
    }
    const waiter = pending.get(message.id)
    if (!waiter) return
    pending.delete(message.id)
    clearTimeout(waiter.timer)
    try {
      waiter.resolve(unwrapCallResult(message.result))
    } catch (error) {
      waiter.reject(error as Error)
    }
  }

  socket.addEventListener('message', ({ data }) => {
    if (typeof data === 'string') return onText(data)
    const bytes = bytesOf(data)
    const output = bytes && decodeOutputFrame(bytes)
    if (output) hub.emit('terminal.data', output)
  })

  socket.addEventListener('close', () => {
    if (closed) return
    closed = true
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer)
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
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(
          new HostCallError(
            'internal',
            `the host did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`,
          ),
        )
      }, timeoutMs)
      pending.set(id, { resolve, reject, timer })
      socket.send(JSON.stringify(message))
    })
  }

  const ready: SocketClient = {
    client: createLazyHostClient(call, hub),
    // A listener added after the socket closed (the app starts after the terminal's start-up
    // path opened the link) is told at once.
    onClose: (listener) => {
      if (closed) listener()
      else closeListeners.push(listener)
    },
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
