import { afterEach, describe, expect, it, vi } from 'vitest'
import { createOutputBatcher } from '../../../../../src/main/core/terminal/output-batcher'
import {
  createOutputFanout,
  type OutputSubscriber,
} from '../../../../../src/main/core/terminal/output-fanout'
import { createReplayBuffer } from '../../../../../src/main/core/terminal/replay-buffer'

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill)

function window(id: string, controlling: boolean) {
  const got: Array<{ size: number; replay: boolean }> = []
  const subscriber: OutputSubscriber = {
    id,
    controlling,
    send: (data, replay) => got.push({ size: data.length, replay }),
  }
  const received = () => got.filter((g) => !g.replay).reduce((sum, g) => sum + g.size, 0)
  return { subscriber, got, received }
}

function fanout(
  options: { high?: number; low?: number; staleAfter?: number; replay?: number } = {},
) {
  const pty = { paused: false, pauses: 0 }
  const f = createOutputFanout({
    replay: createReplayBuffer(options.replay ?? 1_000),
    pause: () => {
      pty.paused = true
      pty.pauses++
    },
    resume: () => (pty.paused = false),
    highWatermark: options.high ?? 100,
    lowWatermark: options.low ?? 40,
    inputHeadroom: 50,
    staleAfter: options.staleAfter ?? 400,
  })
  return { f, pty }
}

describe('output fan-out: flow control per window', () => {
  it('pauses the shell while the leader’s window is behind, resumes once it caught up', () => {
    const { f, pty } = fanout()
    const leader = window('leader', true)
    f.add(leader.subscriber)
    f.push(bytes(60))
    expect(pty.paused).toBe(false)
    f.push(bytes(60))
    expect(pty.paused).toBe(true)
    f.ack('leader', 50)
    expect(pty.paused).toBe(true) // 70 unacknowledged: above the low watermark
    f.ack('leader', 40)
    expect(pty.paused).toBe(false)
  })

  it('after a key is typed the paused shell is read again, for a bounded amount more', () => {
    const { f, pty } = fanout()
    const leader = window('leader', true)
    f.add(leader.subscriber)
    f.push(bytes(120)) // a flood: paused with 120 unacknowledged
    expect(pty.paused).toBe(true)
    f.noteInput() // Ctrl-C: its answer must not wait for the backlog to be parsed
    expect(pty.paused).toBe(false)
    f.push(bytes(20))
    expect(pty.paused).toBe(false) // 140: within the headroom (100 + 50)
    f.push(bytes(20))
    expect(pty.paused).toBe(true) // 160: the headroom is bounded
    f.ack('leader', 140) // caught up: the headroom is gone with the backlog
    expect(pty.paused).toBe(false)
    f.push(bytes(110))
    expect(pty.paused).toBe(true)
    expect(leader.received()).toBe(270)
  })

  it('never pauses for a window that does not set the pace, and never while nobody watches', () => {
    const { f, pty } = fanout()
    for (let i = 0; i < 10; i++) f.push(bytes(100)) // nobody attached: the command keeps running
    expect(pty.pauses).toBe(0)
    const observer = window('observer', false)
    f.add(observer.subscriber)
    for (let i = 0; i < 10; i++) f.push(bytes(100))
    expect(pty.pauses).toBe(0)
  })

  it('a slow window is cut off and later resynchronised from the replay, never waited for', () => {
    const { f, pty } = fanout()
    const leader = window('leader', true)
    const slow = window('slow', false)
    f.add(leader.subscriber)
    f.add(slow.subscriber)
    for (let i = 0; i < 20; i++) {
      f.push(bytes(50))
      f.ack('leader', 50) // the leader keeps up
    }
    expect(pty.paused).toBe(false)
    // The slow window got output until it was too far behind, then nothing more.
    expect(slow.received()).toBeLessThanOrEqual(450)
    expect(slow.received()).toBeLessThan(leader.received())
    // Once it has parsed everything it was sent, it gets the screen as it is now.
    f.ack('slow', slow.received())
    const last = slow.got.at(-1)!
    expect(last.replay).toBe(true)
    expect(last.size).toBeLessThanOrEqual(1_050)
    f.push(bytes(10))
    expect(slow.got.at(-1)).toEqual({ size: 10, replay: false })
  })

  it('a second controlling window that lags is not waited for either (the fastest sets the pace)', () => {
    const { f, pty } = fanout()
    const a = window('a', true)
    const b = window('b', true)
    f.add(a.subscriber)
    f.add(b.subscriber)
    for (let i = 0; i < 20; i++) {
      f.push(bytes(50))
      f.ack('a', 50)
    }
    expect(pty.paused).toBe(false)
    expect(b.received()).toBeLessThan(a.received())
  })

  it('shows a new window the recent output first (the replay), bounded', () => {
    const { f } = fanout({ replay: 300 })
    for (let i = 0; i < 10; i++) f.push(bytes(100, 0x30 + i))
    const late = window('late', false)
    f.add(late.subscriber)
    expect(late.got[0]!.replay).toBe(true)
    expect(late.got[0]!.size).toBeLessThanOrEqual(400)
    expect(late.got[0]!.size).toBeGreaterThanOrEqual(300)
  })
})

describe('replay buffer', () => {
  it('keeps whole batches, the newest ones, up to its capacity', () => {
    const replay = createReplayBuffer(250)
    replay.push(new TextEncoder().encode('a'.repeat(100)))
    replay.push(new TextEncoder().encode('b'.repeat(100)))
    replay.push(new TextEncoder().encode('c'.repeat(100)))
    const text = new TextDecoder().decode(replay.snapshot())
    expect(text).toBe('b'.repeat(100) + 'c'.repeat(100))
  })
})

describe('output batcher', () => {
  afterEach(() => vi.useRealTimers())

  it('coalesces output for a few ms, sends at once after input, and early when big', () => {
    vi.useFakeTimers()
    const sent: number[] = []
    const batcher = createOutputBatcher({
      send: (batch) => sent.push(batch.length),
      batchMs: 5,
      maxBatchBytes: 100,
    })
    batcher.push(bytes(10))
    batcher.push(bytes(10))
    expect(sent).toEqual([])
    vi.advanceTimersByTime(5)
    expect(sent).toEqual([20])
    batcher.noteInput()
    batcher.push(bytes(3))
    expect(sent).toEqual([20, 3])
    batcher.push(bytes(150))
    expect(sent).toEqual([20, 3, 150])
  })
})

describe('output fan-out: the curtain', () => {
  it('while closed, only the leader’s working window gets output and no replay keeps it; opening resyncs everyone without it', () => {
    const { f } = fanout({ replay: 10_000 })
    const leader = window('leader', true)
    const room = window('room', false)
    f.add(leader.subscriber)
    f.add(room.subscriber)
    f.push(bytes(10, 0x61))
    f.setCurtain(true)
    f.push(bytes(20, 0x73)) // the secret
    expect(leader.received()).toBe(30)
    expect(room.received()).toBe(10)
    const late = window('late', false)
    f.add(late.subscriber)
    expect(late.got[0]).toEqual({ size: 10, replay: true })
    f.setCurtain(false)
    for (const w of [leader, room, late]) expect(w.got.at(-1)).toEqual({ size: 10, replay: true })
  })
})
