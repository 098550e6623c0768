import { describe, expect, it } from 'vitest'
import type { CommandLogEntry } from '../../../../src/shared/commands/gate-model'
import { openGateOutbox } from '../../../../src/main/core/log/gate-outbox'
import { createGateLogQueue } from '../../../../src/renderer/stores/gate-log-queue'

const entry = (kind: CommandLogEntry['kind'] = 'proposed'): CommandLogEntry => ({
  kind,
  at: 1_000,
  incidentId: 'inc-1',
  proposalId: 'p-1',
  personId: null,
  personName: 'Bob',
  text: 'uptime',
  hash: 'a'.repeat(64),
  note: null,
  context: null,
  approvers: [],
  exitCode: null,
  durationMs: null,
  output: null,
})

/**
 * A window's queue between a real outbox (in memory) and a record that keeps what it stores,
 * where the writes of chosen entries fail and wait for Retry.
 */
function windowOnHost(options: { pageBytes?: number } = {}) {
  const outbox = openGateOutbox({ dataDir: null, pageBytes: options.pageBytes })
  const stored: number[] = []
  const failing = new Set<number>()
  const waitingForRetry = new Set<number>()
  const calls = { pending: 0, acks: [] as number[] }
  const host = { ready: true, answers: true, acks: true }
  const queue = createGateLogQueue({
    ready: () => host.ready,
    async store(e) {
      const seq = e.hostLog!.seq
      if (failing.delete(seq)) {
        waitingForRetry.add(seq)
        return { stored: false, stillWaiting: () => waitingForRetry.has(seq) }
      }
      if (!stored.includes(seq)) stored.push(seq) // the record writer's dedupe
      return { stored: true }
    },
    async ack({ logId, seq }) {
      calls.acks.push(seq)
      if (!host.acks) throw new Error('connection lost')
      outbox.ack(logId, seq)
    },
    async pending() {
      calls.pending++
      if (!host.answers) throw new Error('connection lost')
      return outbox.pending()
    },
  })
  /** What Retry saving does with the writes waiting for it. */
  const retry = async () => {
    for (const seq of waitingForRetry) stored.push(seq)
    waitingForRetry.clear()
    await queue.resume()
  }
  const held = () => outbox.pending().entries.map((e) => e.hostLog!.seq)
  return { outbox, queue, stored, failing, calls, host, retry, held }
}

describe('the order in which a window stores the gate log', () => {
  it('stores what the host held before the live entry that arrived first, then acknowledges each', async () => {
    const w = windowOnHost()
    w.outbox.append(entry('finished')) // made while no window was there
    w.outbox.append(entry('proposed'))
    const live = w.outbox.append(entry('approved'))
    await w.queue.deliver(live) // before the window asked for what it missed
    expect(w.stored).toEqual([1, 2, 3])
    expect(w.calls.acks).toEqual([1, 2, 3])
    expect(w.held()).toEqual([])
  })

  it('asks page after page, live entries waiting behind the pages', async () => {
    const w = windowOnHost({ pageBytes: 1 }) // one entry a page
    for (let i = 0; i < 4; i++) w.outbox.append(entry())
    const catchUp = w.queue.catchUp()
    const live = w.outbox.append(entry('approved'))
    void w.queue.deliver(live) // arrives while the pages are being stored
    await catchUp
    await w.queue.deliver(live) // delivered again: stored once
    expect(w.stored).toEqual([1, 2, 3, 4, 5])
    expect(w.held()).toEqual([])
  })

  it('stops at an entry it could not store, and Retry stores it and what follows, in order', async () => {
    const w = windowOnHost()
    await w.queue.catchUp()
    const [a, b, c, d] = Array.from({ length: 4 }, () => w.outbox.append(entry()))
    w.failing.add(b!.hostLog!.seq)
    for (const e of [a!, b!, c!, d!]) await w.queue.deliver(e)
    expect(w.stored).toEqual([1])
    expect(w.calls.acks).toEqual([1]) // the failed entry, and those after it, stay with the host
    expect(w.held()).toEqual([2, 3, 4])

    await w.retry()
    expect(w.stored).toEqual([1, 2, 3, 4])
    expect(w.held()).toEqual([])
  })

  it('stays stopped while Retry could not store the entry either', async () => {
    const w = windowOnHost()
    w.outbox.append(entry())
    w.outbox.append(entry())
    w.failing.add(1)
    await w.queue.catchUp()
    await w.queue.resume() // the write still waits for Retry
    await w.queue.deliver(w.outbox.append(entry()))
    expect(w.stored).toEqual([])
    expect(w.held()).toEqual([1, 2, 3])
    await w.retry()
    expect(w.stored).toEqual([1, 2, 3])
  })

  it('stores nothing before it can (no database yet), then all of it from the host, in order', async () => {
    const w = windowOnHost()
    w.host.ready = false
    await w.queue.deliver(w.outbox.append(entry()))
    await w.queue.catchUp()
    expect(w.stored).toEqual([])
    w.host.ready = true
    await w.queue.deliver(w.outbox.append(entry()))
    expect(w.stored).toEqual([1, 2])
  })

  it('does not store live entries while the host does not answer what it holds, and asks again later', async () => {
    const w = windowOnHost()
    w.outbox.append(entry())
    w.host.answers = false
    await w.queue.deliver(w.outbox.append(entry()))
    expect(w.stored).toEqual([])
    w.host.answers = true
    await w.queue.deliver(w.outbox.append(entry()))
    expect(w.stored).toEqual([1, 2, 3])
  })

  it('does not ask the host in a loop when its acknowledgements do not get through', async () => {
    const w = windowOnHost({ pageBytes: 1 })
    w.outbox.append(entry())
    w.outbox.append(entry())
    w.host.acks = false
    await w.queue.catchUp()
    expect(w.stored).toEqual([1])
    expect(w.calls.pending).toBe(2) // the same page again: it waits for the next event
    w.host.acks = true
    await w.queue.catchUp()
    expect(w.stored).toEqual([1, 2])
    expect(w.held()).toEqual([])
  })
})
