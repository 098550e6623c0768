/** What the host accepts as a call from a window over the browser shell's WebSocket. */
import { z } from 'zod'
import type { ClientMessage } from '../../shared/rpc/socket-protocol'

export const clientMessageSchema: z.ZodType<ClientMessage> = z
  .object({
    kind: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    input: z.unknown(),
  })
  .strict()
