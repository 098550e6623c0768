import type { Participant, PresenceEntry } from '../../../shared/access'

/**
 * Who is connected to an incident (for the leader's role board): one entry per participant
 * session, counting its open windows, given the participant behind each open connection
 * (null for the leader's own).
 */
export function presenceEntries(
  connected: Iterable<Participant | null>,
  incidentId: string,
  now = Date.now(),
): PresenceEntry[] {
  const byParticipant = new Map<string, PresenceEntry>()
  for (const p of connected) {
    if (!p || p.incidentId !== incidentId) continue
    const entry = byParticipant.get(p.participantId)
    if (entry) entry.connections++
    else {
      byParticipant.set(p.participantId, {
        inviteId: p.inviteId,
        personId: p.personId,
        name: p.name,
        mode: p.mode,
        connections: 1,
        keyFingerprint: p.keyFingerprint,
        since: now,
        joinedFrom: p.joinedFrom,
        confirmed: p.confirmed,
      })
    }
  }
  return [...byParticipant.values()]
}
