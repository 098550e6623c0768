/**
 * The order in which a leader's window copies the host's gate log into its record. The host
 * keeps every entry until a window acknowledges that one entry; the window stores entries in
 * log order, each once, and acknowledges an entry only after it (and every entry before it)
 * is stored:
 * - first what the host still holds (`gate.pendingLog`, a page at a time), then live entries;
 *   live ones that arrive meanwhile wait in the same ordered queue;
 * - a failed write stops the queue: the entry waits in the Retry queue, and nothing after it
 *   is stored until Retry has stored it (entries that arrive meanwhile are left with the
 *   host, and fetched again from it afterwards);
 * - an entry delivered twice (a page and a live event, another window storing it first) is
 *   stored once: here by its position, in the database by the record writer.
 * Framework-free: the store slice gives it the host and the database.
 */
import type { CommandLogEntry, HostLogPosition } from '../../shared/commands/gate-model'

/** What became of one write: stored (or found stored), or waiting in the Retry queue. */
export type StoreOutcome = { stored: true } | { stored: false; stillWaiting(): boolean }

export interface GateLogQueueOptions {
  /** Whether this window can store now (database open, a leader's window on a host). */
  ready(): boolean
  store(entry: CommandLogEntry): Promise<StoreOutcome>
  /** Tells the host this entry is stored (failures are ignored: it is delivered again). */
  ack(position: HostLogPosition): Promise<void>
  /** The oldest entries the host still holds; `more`: others wait behind them. */
  pending(): Promise<{ entries: CommandLogEntry[]; more: boolean }>
}

export interface GateLogQueue {
  /** A live entry from the host. Resolves once the queue is idle (drained, or stopped). */
  deliver(entry: CommandLogEntry): Promise<void>
  /** Fetches what the host still holds, before any live entry is stored. */
  catchUp(): Promise<void>
  /** Retry stored what had failed: go on from it, in order. */
  resume(): Promise<void>
}

type Work = () => Promise<void>

const before = (a: CommandLogEntry, b: CommandLogEntry) =>
  (a.hostLog?.seq ?? Infinity) < (b.hostLog?.seq ?? Infinity)
const samePlace = (a: CommandLogEntry, b: CommandLogEntry) =>
  !!a.hostLog &&
  !!b.hostLog &&
  a.hostLog.logId === b.hostLog.logId &&
  a.hostLog.seq === b.hostLog.seq

export function createGateLogQueue(options: GateLogQueueOptions): GateLogQueue {
  /** Entries to store, in log order. */
  const queue: CommandLogEntry[] = []
  /** The last entry of each log this window stored (or found stored). */
  const done = new Map<string, number>()
  /** The host said nothing older waits (until a failure makes the window ask again). */
  let caughtUp = false
  /** While not caught up: entries up to here came with a page, and may be stored. */
  let horizon = 0
  /** Asking the host brought nothing new (or failed): ask again at the next event. */
  let stalled = false
  /** Pages in a row that brought only entries stored already. */
  let stalePages = 0
  /** The write that failed, waiting in the Retry queue: nothing after it is stored. */
  let blocked: { entry: CommandLogEntry; stillWaiting(): boolean } | null = null
  let running = false
  let idle: Promise<void> = Promise.resolve()

  const isDone = (entry: CommandLogEntry) =>
    !!entry.hostLog && entry.hostLog.seq <= (done.get(entry.hostLog.logId) ?? 0)

  /** Puts an entry in its place (unless it is stored or queued already). */
  const add = (entry: CommandLogEntry) => {
    if (isDone(entry) || queue.some((e) => samePlace(e, entry))) return
    let at = queue.length
    while (at > 0 && before(entry, queue[at - 1]!)) at--
    queue.splice(at, 0, entry)
  }

  /** Tells the host; false when the acknowledgement did not get through. */
  const acknowledge = (position: HostLogPosition) =>
    options.ack(position).then(
      () => true,
      () => false, // delivered again, and stored once
    )

  const finish = async (entry: CommandLogEntry) => {
    const position = entry.hostLog
    if (!position) return
    done.set(position.logId, Math.max(position.seq, done.get(position.logId) ?? 0))
    await acknowledge(position)
  }

  const storeHead: Work = async () => {
    const entry = queue.shift()!
    const outcome = await options.store(entry)
    if (outcome.stored) return finish(entry)
    // Stopped until Retry stores it; what follows is asked of the host again afterwards.
    blocked = { entry, stillWaiting: outcome.stillWaiting }
    queue.length = 0
    caughtUp = false
    horizon = 0
  }

  const pullPage: Work = async () => {
    let page: { entries: CommandLogEntry[]; more: boolean }
    try {
      page = await options.pending()
    } catch {
      stalled = true // the host did not answer
      return
    }
    const fresh = page.entries.filter((entry) => !isDone(entry))
    for (const entry of fresh) add(entry)
    if (!page.more) {
      caughtUp = true
    } else if (fresh.length > 0) {
      stalePages = 0
      horizon = Math.max(horizon, ...fresh.map((e) => e.hostLog?.seq ?? 0))
    } else {
      // Stored here, yet the host still holds them: their acknowledgements were lost.
      let through = true
      for (const { hostLog } of page.entries) through = (await acknowledge(hostLog!)) && through
      if (!through || ++stalePages > 1) stalled = true
    }
  }

  /** The next thing to do, decided synchronously (null: nothing now). */
  const next = (): Work | null => {
    if (blocked || !options.ready()) return null
    const head = queue[0]
    if (head && (caughtUp || (head.hostLog?.seq ?? Infinity) <= horizon)) return storeHead
    if (!caughtUp && !stalled) return pullPage
    return null
  }

  const loop = async () => {
    for (;;) {
      const work = next()
      if (!work) {
        running = false
        return
      }
      try {
        await work()
      } catch (error) {
        running = false
        throw error
      }
    }
  }

  /** Runs the queue (once: a second call joins the run under way). */
  const pump = (): Promise<void> => {
    stalled = false
    stalePages = 0
    if (running) return idle
    running = true
    idle = loop()
    return idle
  }

  return {
    deliver(entry) {
      // Not stored yet, nor queued, while stopped or unable to store: the host keeps it.
      if (blocked || !options.ready()) return idle
      add(entry)
      return pump()
    },
    catchUp: pump,
    async resume() {
      if (blocked && !blocked.stillWaiting()) {
        const { entry } = blocked
        blocked = null
        await finish(entry)
      }
      return pump()
    },
  }
}
