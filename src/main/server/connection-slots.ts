/**
 * The connection slots of one server, held from accept to close. A connection that has not
 * shown a credential (the leader's token, a participant's cookie or invite) may be evicted:
 * when the server, or one peer address off loopback, is at its cap, the oldest such
 * connection makes room for the new one. So a flood of connections that send nothing cannot
 * keep the leader out: the leader's connection sends its request at once and is admitted
 * long before the flood has cycled through every slot. A connection that has shown a
 * credential (a window's WebSocket, an authenticated request, kept alive) is never evicted;
 * when every slot is held by such, the new connection is refused.
 */
import type { Socket } from 'node:net'

export interface SlotLimits {
  maxConnections: number
  /** What one peer address may hold; Infinity for none (loopback: every peer is 127.0.0.1). */
  maxConnectionsPerPeer: number
}

interface Slot {
  key: string
  peer: string
  /** The TCP connection, as accepted. */
  raw: Socket
  /** What HTTP reads from: the TLS socket over `raw` on HTTPS (once its handshake is done). */
  http: Socket | null
  admitted: boolean
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
  /** The connection behind this socket showed a credential: it is never evicted. */
  admit(socket: object): void
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

export function createConnectionSlots(limits: SlotLimits): ConnectionSlots {
  // A Map iterates in insertion order: the first evictable slot found is the oldest.
  const slots = new Map<string, Slot>()
  const perPeer = new Map<string, number>()
  const bySocket = new WeakMap<object, Slot>()

  const release = (slot: Slot) => {
    if (slots.get(slot.key) !== slot) return
    slots.delete(slot.key)
    const left = (perPeer.get(slot.peer) ?? 1) - 1
    if (left > 0) perPeer.set(slot.peer, left)
    else perPeer.delete(slot.peer)
  }

  /** Evicts the oldest connection without a credential (of `peer` when given). */
  const evict = (peer?: string): boolean => {
    for (const slot of slots.values()) {
      if (slot.admitted || (peer !== undefined && slot.peer !== peer)) continue
      release(slot)
      slot.http?.destroy()
      slot.raw.destroy()
      return true
    }
    return false
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
      const fits =
        ((perPeer.get(peer) ?? 0) < limits.maxConnectionsPerPeer || evict(peer)) &&
        (slots.size < limits.maxConnections || evict())
      if (!fits) {
        raw.destroy()
        return false
      }
      const slot: Slot = { key, peer, raw, http: null, admitted: false }
      slots.set(key, slot)
      perPeer.set(peer, (perPeer.get(peer) ?? 0) + 1)
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
    admit(socket) {
      const slot = bySocket.get(socket)
      if (slot) slot.admitted = true
    },
    get count() {
      return slots.size
    },
  }
}
