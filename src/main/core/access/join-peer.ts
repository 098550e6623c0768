/**
 * Where an invite link was followed from: the peer address of the connection that redeemed
 * it, whether that is the leader's own machine, and what the browser said it was. Recorded on
 * the role board and the command log, so that a link followed on the leader's machine (the
 * leader's screen joining as someone else) is seen as such.
 */
import { networkInterfaces } from 'node:os'
import type { JoinPeer } from '../../../shared/access'

/** What the server saw of the connection that followed the link. */
export interface PeerFacts {
  remoteAddress: string | undefined
  /** The server's own address on that connection. */
  localAddress: string | undefined
  userAgent: string | undefined
}

/** A user agent longer than this is cut: it is what the browser says, not proof of anything. */
export const MAX_USER_AGENT_CHARS = 200

const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address)
}

/** The addresses of this machine's interfaces (where the leader's own browser may come from). */
function ownAddresses(): Set<string> {
  const found = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) found.add(unmapped(entry.address))
  }
  return found
}

/** Printable, one line, bounded: it goes on the command log and the role board. */
function printable(text: string | undefined): string | null {
  if (!text) return null
  const clean = text.replace(/[^\x20-\x7e]/g, '?').trim()
  if (!clean) return null
  return clean.length > MAX_USER_AGENT_CHARS ? `${clean.slice(0, MAX_USER_AGENT_CHARS)}…` : clean
}

export function joinPeer(facts: PeerFacts, own: () => Set<string> = ownAddresses): JoinPeer | null {
  if (!facts.remoteAddress) return null
  const address = unmapped(facts.remoteAddress)
  const loopback = isLoopback(address)
  const local = facts.localAddress ? unmapped(facts.localAddress) : null
  return {
    address,
    loopback,
    thisMachine: !loopback && (address === local || own().has(address)),
    userAgent: printable(facts.userAgent),
  }
}
