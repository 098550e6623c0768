/**
 * Personal invite links. The leader makes one for a person and a mode; its one-time token is
 * exchanged (once) for a participant secret kept in that person's browser as a cookie. The
 * host stores only hashes of both. Revoking an invite, or ending its incident, ends every
 * session it opened at once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Participant, ParticipantMode } from '../../../shared/access'

/** An invite token unused for this long no longer works (the leader makes a new one). */
export const INVITE_TOKEN_LIFETIME_MS = 24 * 60 * 60_000

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

export interface InviteRegistry {
  create(input: Pick<InviteRecord, 'incidentId' | 'personId' | 'name' | 'mode'>): {
    invite: InviteRecord
    token: string
  }
  /** Exchanges a one-time token for a participant secret; null when it cannot be used. */
  redeem(token: string): { participant: Participant; secret: string } | null
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
  const participants = new Map<string, Participant & { secretHash: string }>()
  const keys = new Map<string, string>()

  const sessionsOf = (inviteId: string) =>
    [...participants.values()].filter((p) => p.inviteId === inviteId)

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
    redeem(token) {
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
      }
      participants.set(hash(participantSecret), {
        ...participant,
        secretHash: hash(participantSecret),
      })
      return { participant, secret: participantSecret }
    },
    participant(participantSecret) {
      if (typeof participantSecret !== 'string' || participantSecret.length > 200) return null
      const found = participants.get(hash(participantSecret))
      if (!found) return null
      const { secretHash: _hidden, ...participant } = found
      return participant
    },
    byParticipantId(participantId) {
      const found = [...participants.values()].find((p) => p.participantId === participantId)
      if (!found) return null
      const { secretHash: _hidden, ...participant } = found
      return participant
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
