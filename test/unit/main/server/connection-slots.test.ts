import { EventEmitter } from 'node:events'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  LEADER_OVERFLOW,
  createConnectionSlots,
  type SlotOwner,
} from '../../../../src/main/server/connection-slots'

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

const LEADER: SlotOwner = { kind: 'leader' }
const participant = (participantId: string): SlotOwner => ({ kind: 'participant', participantId })

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
    slots.admit(window, LEADER, 'websocket')
    const newcomer = connection()
    expect(slots.take(newcomer)).toBe(true)
    expect([window.destroyed, idle.destroyed]).toEqual([false, true])
    slots.admit(newcomer, LEADER, 'websocket')
    const refused = connection()
    expect(slots.take(refused)).toBe(false)
    expect([window.destroyed, newcomer.destroyed, refused.destroyed]).toEqual([false, false, true])
  })

  it('gives a slot back when its connection closes', async () => {
    const slots = createConnectionSlots({ maxConnections: 1, maxConnectionsPerPeer: Infinity })
    const held = connection()
    slots.take(held)
    slots.admit(held, LEADER, 'websocket')
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
      slots.admit(socket, LEADER, 'websocket')
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
    slots.admit(tls, LEADER, 'websocket')
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

  describe('participants’ credentials', () => {
    /** Takes and admits `n` connections for `owner`; returns the sockets and the refusals. */
    const hold = (
      slots: ReturnType<typeof createConnectionSlots>,
      owner: SlotOwner,
      n: number,
      use: 'request' | 'websocket' = 'websocket',
    ) => {
      const sockets = Array.from({ length: n }, () => connection('127.0.0.1'))
      const refusals = sockets.map((socket) =>
        slots.take(socket) ? slots.admit(socket, owner, use) : { status: 0, reason: 'no slot' },
      )
      return { sockets, refusals }
    }

    it('one participant holds a few connections: past that, its new window is refused (429)', () => {
      const slots = createConnectionSlots({
        maxConnections: 20,
        maxConnectionsPerPeer: Infinity,
        maxConnectionsPerParticipant: 3,
      })
      const { sockets, refusals } = hold(slots, participant('carol'), 5)
      expect(refusals.map((r) => r?.status ?? null)).toEqual([null, null, null, 429, 429])
      expect(sockets.slice(0, 3).some((s) => s.destroyed)).toBe(false)
      // Another participant is not held to Carol's count.
      expect(hold(slots, participant('dan'), 3).refusals).toEqual([null, null, null])
    })

    it('a participant’s newest request pushes out its own oldest plain connection, never its windows', () => {
      const slots = createConnectionSlots({
        maxConnections: 20,
        maxConnectionsPerPeer: Infinity,
        maxConnectionsPerParticipant: 3,
      })
      const window = hold(slots, participant('carol'), 1, 'websocket').sockets[0]!
      const files = hold(slots, participant('carol'), 2, 'request').sockets
      const reload = hold(slots, participant('carol'), 1, 'request')
      expect(reload.refusals).toEqual([null])
      expect([window.destroyed, ...files.map((s) => s.destroyed)]).toEqual([false, true, false])
      expect(slots.count).toBe(3)
    })

    it('participants together never take the slots kept for the leader', () => {
      const slots = createConnectionSlots({
        maxConnections: 10,
        maxConnectionsPerPeer: Infinity,
        maxConnectionsPerParticipant: 3,
        leaderReservedConnections: 4,
      })
      const refusals = ['p1', 'p2', 'p3'].flatMap((id) => hold(slots, participant(id), 3).refusals)
      expect(refusals.filter((r) => r === null)).toHaveLength(6)
      expect(refusals.filter((r) => r?.status === 503)).toHaveLength(3)
      // The refused ones close; the leader's four windows still fit.
      const leader = hold(slots, LEADER, 4)
      expect(leader.refusals).toEqual([null, null, null, null])
    })

    it('when every slot holds a credential, the leader’s newcomer pushes out the oldest participant connection', () => {
      const slots = createConnectionSlots({
        maxConnections: 4,
        maxConnectionsPerPeer: Infinity,
        maxConnectionsPerParticipant: 4,
      })
      const carol = hold(slots, participant('carol'), 3).sockets
      hold(slots, LEADER, 1)
      // Full of credentials: a newcomer waits past the cap to show whose it is.
      const stranger = connection('127.0.0.1')
      expect(slots.take(stranger)).toBe(true)
      expect(slots.admit(stranger, participant('dan'), 'websocket')?.status).toBe(503)
      stranger.destroy()
      const leader = connection('127.0.0.1')
      expect(slots.take(leader)).toBe(true)
      expect(slots.admit(leader, LEADER, 'websocket')).toBeNull()
      expect(carol.map((s) => s.destroyed)).toEqual([true, false, false])
      expect(leader.destroyed).toBe(false)
    })

    it('waits past the cap for a few newcomers only, each pushing out the oldest that showed nothing', () => {
      const slots = createConnectionSlots({
        maxConnections: 2,
        maxConnectionsPerPeer: Infinity,
        maxConnectionsPerParticipant: 2,
      })
      hold(slots, participant('carol'), 2)
      const flood = Array.from({ length: LEADER_OVERFLOW + 5 }, () => connection('127.0.0.1'))
      for (const socket of flood) expect(slots.take(socket)).toBe(true)
      expect(slots.count).toBe(2 + LEADER_OVERFLOW)
      expect(flood.filter((s) => !s.destroyed)).toHaveLength(LEADER_OVERFLOW)
    })

    it('with only the leader’s windows in every slot, a newcomer is refused at once', () => {
      const slots = createConnectionSlots({ maxConnections: 2, maxConnectionsPerPeer: Infinity })
      hold(slots, LEADER, 2)
      const newcomer = connection('127.0.0.1')
      expect(slots.take(newcomer)).toBe(false)
      expect(newcomer.destroyed).toBe(true)
    })
  })
})
