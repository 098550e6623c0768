/**
 * Personal invite links. The leader makes one for a person and a mode; its one-time token is
 * exchanged (once) for a participant secret kept in that person's browser as a cookie. The
 * host stores only hashes of both. Revoking an invite, or ending its incident, ends every
 * session it opened at once.
 */
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { JoinPeer, Participant, ParticipantMode } from '../../../shared/access'

/** An invite token unused for this long no longer works (the leader makes a new one). */
export const INVITE_TOKEN_LIFETIME_MS = 24 * 60 * 60_000

/**
 * Digits of the code a participant's page shows and its person reads out to the leader:
 * six are quick to say on a call, and only the leader's screen may try one.
 */
export const PAIRING_CODE_DIGITS = 6

export interface InviteRecord {
  inviteId: string
  incidentId: string
  personId: string
  name: string
  mode: ParticipantMode
  createdAt: number
  tokenHash: string
  used: boolean
  revoked: boolean
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex')
const secret = () => randomBytes(32).toString('base64url')
const pairingCode = () =>
  String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0')
const sameCode = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** Why a confirmation was refused: no session yet, or another code. */
export class PairingError extends Error {}

export interface InviteRegistry {
  create(input: Pick<InviteRecord, 'incidentId' | 'personId' | 'name' | 'mode'>): {
    invite: InviteRecord
    token: string
  }
  /**
   * Exchanges a one-time token for a participant secret; null when it cannot be used.
   * `joinedFrom`: where the link was followed from, as the server saw it.
   */
  redeem(
    token: string,
    joinedFrom?: JoinPeer | null,
  ): { participant: Participant; secret: string; pairingCode: string } | null
  /** The code a participant's page shows, for its person to read out to the leader. */
  pairingCode(participantId: string): string | null
  /**
   * The leader typed back the code the person read out: the invite's session is confirmed as
   * theirs. Throws PairingError when no session holds the invite, or for another code.
   */
  confirm(
    inviteId: string,
    code: string,
    by: string,
  ): { participant: Participant; already: boolean }
  participant(secret: string): Participant | null
  byParticipantId(participantId: string): Participant | null
  /** Ends an invite; returns the participant sessions it had opened. */
  revoke(inviteId: string): Participant[]
  /** Ends every invite of an incident; returns their participant sessions. */
  endIncident(incidentId: string): Participant[]
  registerKey(participantId: string, publicKey: string, fingerprint: string): void
  publicKey(participantId: string): string | null
  list(incidentId: string): InviteRecord[]
  get(inviteId: string): InviteRecord | undefined
}

export function createInviteRegistry(now: () => number = Date.now): InviteRegistry {
  const invites = new Map<string, InviteRecord>()
  const participants = new Map<string, Participant & { secretHash: string; code: string }>()
  const keys = new Map<string, string>()

  const sessionsOf = (inviteId: string) =>
    [...participants.values()].filter((p) => p.inviteId === inviteId)
  /** The session as the host's other parts see it: without its secret's hash or its code. */
  const visible = (found: Participant & { secretHash: string; code: string }): Participant => {
    const { secretHash: _hash, code: _code, ...participant } = found
    return participant
  }

  const revoke = (inviteId: string): Participant[] => {
    const invite = invites.get(inviteId)
    if (!invite) return []
    invite.revoked = true
    const ended = sessionsOf(inviteId)
    for (const p of ended) {
      participants.delete(p.secretHash)
      keys.delete(p.participantId)
    }
    return ended
  }

  return {
    create(input) {
      const token = secret()
      const invite: InviteRecord = {
        ...input,
        inviteId: randomUUID(),
        createdAt: now(),
        tokenHash: hash(token),
        used: false,
        revoked: false,
      }
      invites.set(invite.inviteId, invite)
      return { invite, token }
    },
    redeem(token, joinedFrom = null) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null
      const tokenHash = hash(token)
      const invite = [...invites.values()].find((i) => i.tokenHash === tokenHash)
      if (!invite || invite.used || invite.revoked) return null
      if (now() - invite.createdAt > INVITE_TOKEN_LIFETIME_MS) return null
      invite.used = true
      const participantSecret = secret()
      const participant: Participant = {
        participantId: randomUUID(),
        inviteId: invite.inviteId,
        incidentId: invite.incidentId,
        personId: invite.personId,
        name: invite.name,
        mode: invite.mode,
        keyFingerprint: null,
        joinedFrom,
        confirmed: null,
      }
      const code = pairingCode()
      participants.set(hash(participantSecret), {
        ...participant,
        secretHash: hash(participantSecret),
        code,
      })
      return { participant, secret: participantSecret, pairingCode: code }
    },
    participant(participantSecret) {
      if (typeof participantSecret !== 'string' || participantSecret.length > 200) return null
      const found = participants.get(hash(participantSecret))
      return found ? visible(found) : null
    },
    byParticipantId(participantId) {
      const found = [...participants.values()].find((p) => p.participantId === participantId)
      return found ? visible(found) : null
    },
    pairingCode(participantId) {
      return [...participants.values()].find((p) => p.participantId === participantId)?.code ?? null
    },
    confirm(inviteId, code, by) {
      const found = sessionsOf(inviteId)[0]
      if (!found) throw new PairingError('nobody has followed this invite link yet')
      if (found.confirmed) return { participant: visible(found), already: true }
      if (!sameCode(code.replace(/\s/g, ''), found.code)) {
        throw new PairingError(`that is not the code ${found.name}’s page shows: ask again`)
      }
      found.confirmed = { by, at: now() }
      return { participant: visible(found), already: false }
    },
    revoke,
    endIncident(incidentId) {
      return [...invites.values()]
        .filter((i) => i.incidentId === incidentId && !i.revoked)
        .flatMap((i) => revoke(i.inviteId))
    },
    registerKey(participantId, publicKey, fingerprint) {
      const found = [...participants.values()].find((p) => p.participantId === participantId)
      if (!found) return
      const known = keys.get(participantId)
      if (known !== undefined && known !== publicKey) {
        throw new Error('another signing key is already registered for this person')
      }
      keys.set(participantId, publicKey)
      found.keyFingerprint = fingerprint
    },
    publicKey(participantId) {
      return keys.get(participantId) ?? null
    },
    list(incidentId) {
      return [...invites.values()].filter((i) => i.incidentId === incidentId)
    },
    get(inviteId) {
      return invites.get(inviteId)
    },
  }
}
