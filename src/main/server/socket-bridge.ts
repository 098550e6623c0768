import type { WebSocket } from 'ws'
import type { EventName, EventPayload } from '../../shared/contract'
import { encodeOutputFrame, type ServerMessage } from '../../shared/rpc/socket-protocol'
import { clientMessageSchema } from './client-message'
import type { Principal } from '../core/access/authorize'
import type { Host } from '../core/host'
import { dispatchCall } from '../core/router'

/**
 * A window that stops reading while output keeps coming is cut off past this much queued
 * data (flow control pauses the shell for the leader's window long before; this bounds
 * memory for one that acknowledges output but never reads it).
 */
export const MAX_QUEUED_BYTES = 32 * 1024 * 1024

/** One frame per output batch, whichever windows it goes to (observers share it). */
const frames = new WeakMap<Uint8Array, Uint8Array>()
function outputFrame(payload: EventPayload<'terminal.data'>): Uint8Array {
  let frame = frames.get(payload.data)
  if (!frame || payload.replay) {
    frame = encodeOutputFrame(payload)
    if (!payload.replay) frames.set(payload.data, frame)
  }
  return frame
}

/**
 * Serves the contract over one accepted WebSocket, as the session the server authenticated.
 * The socket closing ends this window's view only: its shells and commands keep running.
 */
export function bridgeSocket(socket: WebSocket, host: Host, principal: Principal): void {
  const sendRaw = (data: string | Uint8Array) => {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount > MAX_QUEUED_BYTES) {
      socket.terminate()
      return
    }
    socket.send(data)
  }
  const send = (message: ServerMessage) => sendRaw(JSON.stringify(message))

  const connection = host.connect({
    principal,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'terminal.data') {
        sendRaw(outputFrame(payload as EventPayload<'terminal.data'>))
      } else {
        send({ kind: 'event', event, payload } as ServerMessage)
      }
    },
    close: (reason) => socket.close(4001, reason.slice(0, 100)),
  })

  socket.on('message', (raw, isBinary) => {
    if (isBinary) return socket.close(1003, 'text frames only')
    let json: unknown
    try {
      json = JSON.parse(raw.toString())
    } catch {
      return socket.close(1007, 'malformed message')
    }
    const message = clientMessageSchema.safeParse(json)
    if (!message.success) return socket.close(1008, 'not a call')
    const { id, method, input } = message.data
    void dispatchCall(connection.api, method, input).then((result) =>
      send({ kind: 'result', id, result }),
    )
  })
  socket.on('close', () => connection.dispose())
  socket.on('error', () => socket.terminate())
}
