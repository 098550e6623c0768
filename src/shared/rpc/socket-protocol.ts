/**
 * The envelope of the browser shell's WebSocket: calls from the renderer, results and
 * events from the host, as JSON text frames; terminal output as binary frames (the bytes as
 * the pty wrote them, never decoded and re-encoded on the way). Method names and payloads
 * are those of ../contract.ts.
 */
import type { EventName, EventPayload } from '../contract'
import type { CallResult } from './host-error'

/** Largest text frame the host accepts: the biggest write plus JSON overhead. */
export const MAX_SOCKET_MESSAGE_BYTES = 8 * 1024 * 1024

/** A call from a window (validated on arrival by the host: ../../main/server/client-message.ts). */
export interface ClientMessage {
  kind: 'call'
  id: number
  method: string
  input: unknown
}

/** Events other than terminal output travel as JSON. */
export type JsonEventName = Exclude<EventName, 'terminal.data'>

export type ServerMessage =
  | { kind: 'result'; id: number; result: CallResult }
  | { [E in JsonEventName]: { kind: 'event'; event: E; payload: EventPayload<E> } }[JsonEventName]

const FRAME_DATA = 1
const FRAME_REPLAY = 2
const MAX_SESSION_ID_BYTES = 64

/** A binary frame: kind (1 byte), session id length (1 byte), the id (ASCII), the output. */
export function encodeOutputFrame(payload: EventPayload<'terminal.data'>): Uint8Array {
  const id = new TextEncoder().encode(payload.sessionId)
  if (id.length > MAX_SESSION_ID_BYTES) throw new Error('session id too long')
  const frame = new Uint8Array(2 + id.length + payload.data.length)
  frame[0] = payload.replay ? FRAME_REPLAY : FRAME_DATA
  frame[1] = id.length
  frame.set(id, 2)
  frame.set(payload.data, 2 + id.length)
  return frame
}

/** Reads a binary frame; null when it is not one of ours. */
export function decodeOutputFrame(frame: Uint8Array): EventPayload<'terminal.data'> | null {
  if (frame.length < 2) return null
  const kind = frame[0]
  const idLength = frame[1]!
  if ((kind !== FRAME_DATA && kind !== FRAME_REPLAY) || frame.length < 2 + idLength) return null
  return {
    sessionId: new TextDecoder().decode(frame.subarray(2, 2 + idLength)),
    data: frame.subarray(2 + idLength),
    replay: kind === FRAME_REPLAY,
  }
}
