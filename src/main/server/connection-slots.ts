/**
 * The connection slots of one server, held from accept to close. A connection that has not
 * shown a credential (the leader's token, a participant's cookie or invite) may be evicted:
 * when the server, or one peer address off loopback, is at its cap, the oldest such
 * connection makes room for the new one. So a flood of connections that send nothing cannot
 * keep the leader out: the leader's connection sends its request at once and is admitted
 * long before the flood has cycled through every slot.
 *
 * A connection that has shown a credential is kept, within bounds that keep the leader in
 * too: one participant session holds a few tabs' worth (its newest request pushes out its
 * own oldest plain-HTTP connection; past that it is refused), participants together never
 * take the slots reserved for the leader's token, and when every slot holds a credential a
 * newcomer may wait just past the cap to show whose it is: the leader's pushes out the
 * oldest participant connection, anyone else's is refused. A leader's connection is never
 * evicted; when every slot is the leader's own, the new connection is refused.
 */
import type { Socket } from 'node:net'

export interface SlotLimits {
  maxConnections: number
  /** What one peer address may hold; Infinity for none (loopback: every peer is 127.0.0.1). */
  maxConnectionsPerPeer: number
  /** What one participant session may hold (all its tabs and devices); Infinity for none. */
  maxConnectionsPerParticipant?: number
  /** Slots participants may never take: the leader's token alone may (0 on a participants-only server). */
  leaderReservedConnections?: number
}

/**
 * When every slot holds a credential, this many more connections may wait past the cap to
 * show whose they are: a leader's page load opens up to six connections at once, and its
 * WebSocket.
 */
export const LEADER_OVERFLOW = 8

/** Whose credential a connection showed. */
export type SlotOwner = { kind: 'leader' } | { kind: 'participant'; participantId: string }

/** What the connection is used for: plain requests (a page's files), or a window's WebSocket. */
export type SlotUse = 'request' | 'websocket'

/** Why a connection that showed a credential is not kept (the caller answers, then closes). */
export interface SlotRefusal {
  status: 429 | 503
  reason: string
}

const LEADER = '\u0000leader'

interface Slot {
  key: string
  peer: string
  /** The TCP connection, as accepted. */
  raw: Socket
  /** What HTTP reads from: the TLS socket over `raw` on HTTPS (once its handshake is done). */
  http: Socket | null
  /** LEADER, a participant's id, or null while no credential was shown. */
  owner: string | null
  websocket: boolean
}

export interface ConnectionSlots {
  /**
   * A connection just accepted (the server's `connection` event): it takes a slot, evicting
   * the oldest connection without a credential when at a cap, or is refused (destroyed).
   * Returns whether it was taken.
   */
  take(raw: Socket): boolean
  /** The socket HTTP reads from on an accepted connection (HTTPS: after the handshake). */
  attach(http: Socket): void
  /**
   * The connection behind this socket showed a credential: it is kept (null), or refused
   * because its session, or participants altogether, hold all they may.
   */
  admit(socket: object, owner: SlotOwner, use: SlotUse): SlotRefusal | null
  /** Connections held now. */
  readonly count: number
}

/** A live connection is one (address, port) pair: the same on the TCP and the TLS socket. */
function keyOf(socket: Socket): string | null {
  const { remoteAddress, remotePort } = socket
  return remoteAddress === undefined || remotePort === undefined
    ? null
    : `${remoteAddress} ${remotePort}`
}

const count = (map: Map<string, number>, key: string, by: number) => {
  const next = (map.get(key) ?? 0) + by
  if (next > 0) map.set(key, next)
  else map.delete(key)
}

export function createConnectionSlots(limits: SlotLimits): ConnectionSlots {
  const perParticipant = limits.maxConnectionsPerParticipant ?? Infinity
  const participantsMax = limits.maxConnections - (limits.leaderReservedConnections ?? 0)
  // A Map iterates in insertion order: the first slot found is the oldest.
  const slots = new Map<string, Slot>()
  const perPeer = new Map<string, number>()
  /** Slots held per owner (LEADER or a participant's id). */
  const perOwner = new Map<string, number>()
  let participantSlots = 0
  const bySocket = new WeakMap<object, Slot>()

  const setOwner = (slot: Slot, owner: string | null) => {
    if (slot.owner !== null) count(perOwner, slot.owner, -1)
    if (slot.owner !== null && slot.owner !== LEADER) participantSlots--
    slot.owner = owner
    if (owner !== null) count(perOwner, owner, 1)
    if (owner !== null && owner !== LEADER) participantSlots++
  }

  const release = (slot: Slot) => {
    if (slots.get(slot.key) !== slot) return
    slots.delete(slot.key)
    count(perPeer, slot.peer, -1)
    setOwner(slot, null)
  }

  const close = (slot: Slot) => {
    release(slot)
    slot.http?.destroy()
    slot.raw.destroy()
  }

  /** Closes the oldest slot matching `which`; false when none does. */
  const evictFirst = (which: (slot: Slot) => boolean): boolean => {
    for (const slot of slots.values()) {
      if (!which(slot)) continue
      close(slot)
      return true
    }
    return false
  }

  /** Evicts the oldest connection without a credential (of `peer` when given). */
  const evict = (peer?: string) =>
    evictFirst((s) => s.owner === null && (peer === undefined || s.peer === peer))

  const isParticipant = (s: Slot) => s.owner !== null && s.owner !== LEADER

  /** Past the cap (a newcomer that waited to show whose it is): back to it, if it can be. */
  const backToCap = (slot: Slot) => {
    while (slots.size > limits.maxConnections) {
      if (!evictFirst((s) => s !== slot && s.owner === null)) return false
    }
    return true
  }

  const admitParticipant = (slot: Slot, owner: string): SlotRefusal | null => {
    // Another session's cookie on the same connection: it counts as the new one's only.
    setOwner(slot, null)
    // Past the cap only the leader's connection may stay (it pushes a participant's out).
    if (!backToCap(slot)) {
      return { status: 503, reason: 'the server is full: try again in a moment' }
    }
    if (
      (perOwner.get(owner) ?? 0) >= perParticipant &&
      !evictFirst((s) => s !== slot && s.owner === owner && !s.websocket)
    ) {
      return {
        status: 429,
        reason: `this invite already holds ${perParticipant} connections: close a window or tab`,
      }
    }
    if (participantSlots >= participantsMax) {
      return { status: 503, reason: 'too many participants are connected: try again later' }
    }
    setOwner(slot, owner)
    return null
  }

  return {
    take(raw) {
      const key = keyOf(raw)
      const peer = raw.remoteAddress
      // No peer address: the connection was reset before it could be looked at.
      if (key === null || peer === undefined) {
        raw.destroy()
        return false
      }
      // While participants hold slots, a few newcomers may wait past the cap to show whose
      // they are (the leader's stays, and a participant's gives way to it).
      const cap = limits.maxConnections + (participantSlots > 0 ? LEADER_OVERFLOW : 0)
      const fits =
        ((perPeer.get(peer) ?? 0) < limits.maxConnectionsPerPeer || evict(peer)) &&
        (slots.size < cap || evict())
      if (!fits) {
        raw.destroy()
        return false
      }
      const slot: Slot = { key, peer, raw, http: null, owner: null, websocket: false }
      slots.set(key, slot)
      count(perPeer, peer, 1)
      bySocket.set(raw, slot)
      raw.once('close', () => release(slot))
      return true
    },
    attach(http) {
      const key = keyOf(http)
      const slot = key === null ? undefined : slots.get(key)
      if (!slot) return
      slot.http = http
      bySocket.set(http, slot)
    },
    admit(socket, who, use) {
      const slot = bySocket.get(socket)
      if (!slot || slots.get(slot.key) !== slot) return null
      const owner = who.kind === 'leader' ? LEADER : who.participantId
      if (slot.owner !== owner) {
        if (owner === LEADER) {
          setOwner(slot, LEADER)
          // A newcomer that waited past the cap: the oldest connection without a credential
          // gives way, or else the oldest participant connection.
          if (!backToCap(slot)) {
            while (slots.size > limits.maxConnections && evictFirst(isParticipant));
          }
        } else {
          const refused = admitParticipant(slot, owner)
          if (refused) return refused
        }
      }
      if (use === 'websocket') slot.websocket = true
      return null
    },
    get count() {
      return slots.size
    },
  }
}
