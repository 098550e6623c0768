import Dexie, { type Table } from 'dexie'
import { createSigningKey, exportPublicKey } from '../../shared/commands/approval-signature'

/** A participant's signing key, kept in their browser: the private half cannot be exported. */
interface StoredKey {
  participantId: string
  keys: CryptoKeyPair
  publicKey: string
  createdAt: number
}

class SigningKeyDatabase extends Dexie {
  keys!: Table<StoredKey, string>
  constructor() {
    super('war-room-participant-keys')
    this.version(1).stores({ keys: 'participantId' })
  }
}

let db: SigningKeyDatabase | null = null

/**
 * The key this browser signs a participant's approvals with: made on first join (ECDSA
 * P-256, non-extractable), kept in IndexedDB so a reload signs with the same key.
 */
export async function signingKeyFor(
  participantId: string,
): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  db ??= new SigningKeyDatabase()
  const stored = await db.keys.get(participantId)
  if (stored) return { privateKey: stored.keys.privateKey, publicKey: stored.publicKey }
  const keys = await createSigningKey()
  const publicKey = await exportPublicKey(keys.publicKey)
  await db.keys.put({ participantId, keys, publicKey, createdAt: Date.now() })
  return { privateKey: keys.privateKey, publicKey }
}
