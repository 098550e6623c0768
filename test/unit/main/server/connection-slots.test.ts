import { EventEmitter } from 'node:events'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createConnectionSlots } from '../../../../src/main/server/connection-slots'

/** What the slots look at on a socket: its peer, `destroy` and its `close` event. */
class FakeSocket extends EventEmitter {
  destroyed = false
  constructor(
    readonly remoteAddress: string | undefined,
    readonly remotePort: number | undefined,
  ) {
    super()
  }
  destroy() {
    if (this.destroyed) return this
    this.destroyed = true
    queueMicrotask(() => this.emit('close'))
    return this
  }
}

let nextPort = 40_000
const connection = (address = '192.0.2.10') =>
  new FakeSocket(address, nextPort++) as unknown as Socket & FakeSocket

describe('connection slots', () => {
  it('at the cap, evicts the oldest connection that showed no credential and takes the new one', () => {
    const slots = createConnectionSlots({ maxConnections: 3, maxConnectionsPerPeer: Infinity })
    const [first, second, third] = [connection(), connection(), connection()]
    for (const socket of [first, second, third]) expect(slots.take(socket)).toBe(true)
    const leader = connection()
    expect(slots.take(leader)).toBe(true)
    expect([first, second, third, leader].map((s) => s.destroyed)).toEqual([
      true,
      false,
      false,
      false,
    ])
    expect(slots.count).toBe(3)
  })

  it('never evicts a connection that showed a credential, and refuses the new one when all did', () => {
    const slots = createConnectionSlots({ maxConnections: 2, maxConnectionsPerPeer: Infinity })
    const [window, idle] = [connection(), connection()]
    slots.take(window)
    slots.take(idle)
    slots.admit(window)
    const newcomer = connection()
    expect(slots.take(newcomer)).toBe(true)
    expect([window.destroyed, idle.destroyed]).toEqual([false, true])
    slots.admit(newcomer)
    const refused = connection()
    expect(slots.take(refused)).toBe(false)
    expect([window.destroyed, newcomer.destroyed, refused.destroyed]).toEqual([false, false, true])
  })

  it('gives a slot back when its connection closes', async () => {
    const slots = createConnectionSlots({ maxConnections: 1, maxConnectionsPerPeer: Infinity })
    const held = connection()
    slots.take(held)
    slots.admit(held)
    held.destroy()
    await new Promise<void>((resolve) => held.once('close', resolve))
    expect(slots.count).toBe(0)
    expect(slots.take(connection())).toBe(true)
  })

  it('holds one address to its own cap: its newest connection evicts its own oldest, never another address’s', () => {
    const slots = createConnectionSlots({ maxConnections: 10, maxConnectionsPerPeer: 2 })
    const other = connection('192.0.2.99')
    slots.take(other)
    const flood = Array.from({ length: 5 }, () => connection('192.0.2.66'))
    for (const socket of flood) expect(slots.take(socket)).toBe(true)
    expect(flood.map((s) => s.destroyed)).toEqual([true, true, true, false, false])
    expect(other.destroyed).toBe(false)
    expect(slots.count).toBe(3)
  })

  it('refuses a connection from an address whose every slot showed a credential; others still get in', () => {
    const slots = createConnectionSlots({ maxConnections: 10, maxConnectionsPerPeer: 2 })
    const tabs = [connection('192.0.2.66'), connection('192.0.2.66')]
    for (const socket of tabs) {
      slots.take(socket)
      slots.admit(socket)
    }
    const third = connection('192.0.2.66')
    expect(slots.take(third)).toBe(false)
    expect(third.destroyed).toBe(true)
    expect(tabs.some((s) => s.destroyed)).toBe(false)
    expect(slots.take(connection('192.0.2.99'))).toBe(true)
  })

  it('knows a connection by the socket HTTP reads from (TLS over TCP): admitted there, kept', () => {
    const slots = createConnectionSlots({ maxConnections: 1, maxConnectionsPerPeer: Infinity })
    const raw = connection()
    slots.take(raw)
    const tls = new FakeSocket(raw.remoteAddress, raw.remotePort) as unknown as Socket & FakeSocket
    slots.attach(tls)
    slots.admit(tls)
    expect(slots.take(connection())).toBe(false)
    expect(raw.destroyed).toBe(false)
  })

  it('evicts a connection through both its sockets (TLS over TCP)', () => {
    const slots = createConnectionSlots({ maxConnections: 1, maxConnectionsPerPeer: Infinity })
    const raw = connection()
    slots.take(raw)
    const tls = new FakeSocket(raw.remoteAddress, raw.remotePort) as unknown as Socket & FakeSocket
    slots.attach(tls)
    expect(slots.take(connection())).toBe(true)
    expect([raw.destroyed, tls.destroyed]).toEqual([true, true])
  })

  it('refuses a connection reset before it could be looked at (no peer address)', () => {
    const slots = createConnectionSlots({ maxConnections: 4, maxConnectionsPerPeer: Infinity })
    const gone = new FakeSocket(undefined, undefined) as unknown as Socket & FakeSocket
    expect(slots.take(gone)).toBe(false)
    expect(gone.destroyed).toBe(true)
    expect(slots.count).toBe(0)
  })
})
