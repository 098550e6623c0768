/**
 * The envelope of the browser shell's WebSocket: calls from the renderer, results and
 * events from the host. Method names and payloads are those of ../contract.ts.
 */
import { z } from 'zod'
import type { EventName, EventPayload } from '../contract'
import type { CallResult } from './host-error'

/** Largest text frame the host accepts: the biggest write plus JSON overhead. */
export const MAX_SOCKET_MESSAGE_BYTES = 8 * 1024 * 1024

export const clientMessageSchema = z
  .object({
    kind: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    input: z.unknown(),
  })
  .strict()

export type ClientMessage = z.output<typeof clientMessageSchema>

export type ServerMessage =
  | { kind: 'result'; id: number; result: CallResult }
  | { [E in EventName]: { kind: 'event'; event: E; payload: EventPayload<E> } }[EventName]
