import type { WebSocket } from 'ws'
import type { EventName, EventPayload } from '../../shared/contract'
import { clientMessageSchema, type ServerMessage } from '../../shared/rpc/socket-protocol'
import type { Host } from '../core/host'
import { dispatchCall } from '../core/router'

/** Serves the contract over one accepted WebSocket; the socket's terminals die with it. */
export function bridgeSocket(socket: WebSocket, host: Host): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
  }
  const connection = host.connect(<E extends EventName>(event: E, payload: EventPayload<E>) =>
    send({ kind: 'event', event, payload } as ServerMessage),
  )

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
