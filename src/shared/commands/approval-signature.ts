/**
 * Signed approvals. A participant's browser makes a non-extractable ECDSA P-256 key when
 * they join (WebCrypto) and signs, for each approval, the canonical form of what they saw:
 * the proposal's id, exact text, context and digest, and when they signed. The host
 * verifies before it counts the approval; the record keeps the signature, so anyone holding
 * the command log can check it again with nothing but the public key stored beside it.
 * What a signature proves: that approval was made by the holder of that key (the browser
 * that registered it when its person joined), for exactly that command in that context.
 */
import { canonicalize } from 'json-canonicalize'
import type { ApprovalSignature, CommandLogEntry, ProposalContext } from './gate-model'

export const SIGNATURE_ALGORITHM = 'ECDSA-P256-SHA256' as const
const KEY_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const
/** A signature made longer ago (or later) than this is refused: no replay of an old one. */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000

/** What an approver signs: who they are, the proposal as they saw it, and when. */
export interface SignedApproval {
  /** The approver (on the role board): a signature never counts for someone else. */
  personId: string
  proposalId: string
  text: string
  context: ProposalContext
  hash: string
  signedAt: number
}

export function signingPayload(input: SignedApproval): Uint8Array<ArrayBuffer> {
  const canonical = canonicalize({
    purpose: 'war-room approval v2',
    personId: input.personId,
    proposalId: input.proposalId,
    text: input.text,
    context: input.context,
    hash: input.hash,
    signedAt: input.signedAt,
  })
  return new Uint8Array(new TextEncoder().encode(canonical))
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** "3f9a·c21e·07b4·d5e8": the first 64 bits of the key's SHA-256, for people to compare. */
export async function keyFingerprint(publicKeySpki: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64(publicKeySpki)))
  const hex = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return hex.match(/.{4}/g)!.join('·')
}

/** Imports a participant's public key; throws when it is not an ECDSA P-256 SPKI key. */
export async function importPublicKey(publicKeySpki: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', fromBase64(publicKeySpki), KEY_PARAMS, true, ['verify'])
}

export async function verifyApprovalSignature(
  signature: ApprovalSignature,
  approval: Omit<SignedApproval, 'signedAt'>,
): Promise<boolean> {
  if (signature.algorithm !== SIGNATURE_ALGORITHM) return false
  try {
    const key = await importPublicKey(signature.publicKey)
    return await crypto.subtle.verify(
      SIGN_PARAMS,
      key,
      fromBase64(signature.value),
      signingPayload({ ...approval, signedAt: signature.signedAt }),
    )
  } catch {
    return false
  }
}

/** A key pair the private half of which can never leave the browser. */
export async function createSigningKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_PARAMS, false, ['sign', 'verify'])
}

export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.exportKey('spki', key)))
}

export async function signApproval(
  privateKey: CryptoKey,
  approval: SignedApproval,
): Promise<string> {
  const signature = await crypto.subtle.sign(SIGN_PARAMS, privateKey, signingPayload(approval))
  return toBase64(new Uint8Array(signature))
}

export type SignatureVerdict =
  { ok: true; signed: number } | { ok: false; signed: number; badAt: number; reason: string }

/**
 * Checks every signed approval of a command log (entries in order): each signature must be
 * made with a key registered earlier in the log for that very person (a `key-registered`
 * entry, made by the host when their browser joined), and verify against the proposal it
 * names. A signature copied onto someone else's approval, or made with a key nobody
 * registered, does not verify. (Whoever can rewrite the whole log can also rewrite the
 * registrations: the hash chain has no secret; a participant's own record is the anchor.)
 */
export async function verifyLogSignatures(
  entries: readonly CommandLogEntry[],
): Promise<SignatureVerdict> {
  let signed = 0
  const registered = new Map<string, Set<string>>()
  for (const [index, entry] of entries.entries()) {
    if (entry.kind === 'key-registered' && entry.personId && entry.publicKey) {
      const keys = registered.get(entry.personId) ?? new Set()
      keys.add(entry.publicKey)
      registered.set(entry.personId, keys)
      continue
    }
    const approval = entry.approval
    const signature = approval?.signature
    if (entry.kind !== 'approved' || !approval || !signature) continue
    signed++
    const bad = (reason: string): SignatureVerdict => ({ ok: false, signed, badAt: index, reason })
    if (!registered.get(approval.personId)?.has(signature.publicKey)) {
      return bad(`signed with a key never registered for ${approval.name}`)
    }
    const context = entry.context as ProposalContext | null
    const fingerprint = await keyFingerprint(signature.publicKey).catch(() => null)
    const good =
      entry.proposalId !== null &&
      entry.text !== null &&
      entry.hash !== null &&
      context !== null &&
      fingerprint === signature.fingerprint &&
      (await verifyApprovalSignature(signature, {
        personId: approval.personId,
        proposalId: entry.proposalId,
        text: entry.text,
        context,
        hash: entry.hash,
      }))
    if (!good) return bad('signature does not match the command and its approver')
  }
  return { ok: true, signed }
}
