/**
 * The field schemas and limits the contract (./contract.ts) is built from: ids, sizes,
 * digests, what a roster member is.
 */
import { z } from 'zod'
import { MAX_SAVE_CHARS, MAX_TERMINAL_DIMENSION, SAVE_KINDS } from './contract-limits'
import { ROLE_IDS } from './incident/model'

export {
  MAX_COMMAND_CHARS,
  MAX_SAVE_CHARS,
  MAX_TERMINAL_DIMENSION,
  MAX_TERMINAL_WRITE_CHARS,
  SAVE_KINDS,
  type SaveKind,
} from './contract-limits'

export const id = z.string().min(1).max(64)
export const sessionId = id
export const dimension = z.number().int().min(1).max(MAX_TERMINAL_DIMENSION)
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex')
export const comment = z.string().max(2_000).optional()
export const base64 = z
  .string()
  .max(4_096)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64')
export const empty = z.object({}).strict()

export const rosterMember = z
  .object({
    personId: id,
    name: z.string().min(1).max(200),
    roles: z.array(z.enum(ROLE_IDS)).max(10),
  })
  .strict()

/** The six digits a participant's page shows and the leader types back ("482 913"). */
export const confirmationCode = z.string().regex(/^\s*\d{3}\s?\d{3}\s*$/, 'six digits')

/** An export to save through the desktop's save dialog. */
export const saveFileRequest = z
  .object({
    suggestedName: z.string().min(1).max(255),
    content: z.string().max(MAX_SAVE_CHARS),
    kind: z.enum(SAVE_KINDS),
  })
  .strict()
