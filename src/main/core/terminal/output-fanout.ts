/**
 * Sends one terminal's output to every window showing it, each with its own flow control.
 *
 * - The leader's controlling windows set the pace: the pty pauses while even the fastest of
 *   them has more than the high watermark of output sent but not yet parsed, and resumes
 *   below the low one. With no controlling window the shell is never paused: a command keeps
 *   running while nobody watches, its output kept in the replay buffer.
 * - Any other window (a participant, a second window of the leader) never slows the shell:
 *   one that falls too far behind stops getting output, and once it has parsed what it got
 *   it is resynchronised from the replay buffer instead of being waited for.
 */
import type { ReplayBuffer } from './replay-buffer'

/**
 * Pause the pty above this many sent-but-unacknowledged bytes. VS Code uses 100,000 chars
 * over IPC; tuned here by measurement (npm run bench -- terminal-throughput ctrl-c-flood):
 * see README's benchmark figures. 256 K paused the pty 3.6 times per MB of a flood, 512 K
 * about once (14.2 MB/s), 1 MB 0.7 times (15.2 MB/s, same hour). Ctrl-C must reach the
 * prompt within 150 ms and everything queued is parsed first: ~115–130 ms with this window,
 * the input headroom below letting the prompt through (512 K: ~100 ms).
 */
export const FLOW_HIGH_WATERMARK_BYTES = 1_048_576
/** Resume once the fastest controlling window is below this many unacknowledged bytes. */
export const FLOW_LOW_WATERMARK_BYTES = 393_216
/**
 * After the user types, the pty is read again even above the high watermark, for up to this
 * many more bytes: the answer to a key (the prompt after Ctrl-C during a flood) then comes
 * at once, not only once the window has parsed its way back below the low watermark.
 */
export const INPUT_HEADROOM_BYTES = 262_144
/** A window this far behind stops getting output and is resynchronised later. */
export const STALE_AFTER_BYTES = 4 * FLOW_HIGH_WATERMARK_BYTES

export interface OutputSubscriber {
  /** One per window (connection) and terminal. */
  id: string
  /** Whether this window sets the shell's pace (the leader's main window). */
  controlling: boolean
  send(data: Uint8Array, replay: boolean): void
}

interface Subscription {
  subscriber: OutputSubscriber
  unacknowledged: number
  /** Too far behind: nothing more is sent until it has caught up, then a replay. */
  stale: boolean
}

export interface OutputFanout {
  /** Adds a window: it first gets the replay (what the screen shows now), then live output. */
  add(subscriber: OutputSubscriber): void
  remove(id: string): void
  push(batch: Uint8Array): void
  ack(id: string, bytes: number): void
  /** The user typed into the shell: read its answer now (see INPUT_HEADROOM_BYTES). */
  noteInput(): void
  has(id: string): boolean
  /**
   * The curtain (a command printing a secret): while closed, output goes only to the
   * leader's working window (covered on screen) and is not kept for replays; when it opens
   * every window is shown the screen again from a replay without it.
   */
  setCurtain(closed: boolean): void
  readonly paused: boolean
  readonly pauseCount: number
  readonly size: number
}

export function createOutputFanout(options: {
  replay: ReplayBuffer
  pause(): void
  resume(): void
  highWatermark?: number
  lowWatermark?: number
  inputHeadroom?: number
  staleAfter?: number
}): OutputFanout {
  const high = options.highWatermark ?? FLOW_HIGH_WATERMARK_BYTES
  const low = options.lowWatermark ?? FLOW_LOW_WATERMARK_BYTES
  const staleAfter = options.staleAfter ?? STALE_AFTER_BYTES
  const inputHeadroom = options.inputHeadroom ?? INPUT_HEADROOM_BYTES
  const subscriptions = new Map<string, Subscription>()
  let paused = false
  let pauseCount = 0
  let curtained = false
  /** Allowed above the high watermark since the user last typed (0 once caught up). */
  let headroom = 0

  /** The fastest controlling window's backlog (null when no window controls the pace). */
  const pace = (): number | null => {
    let fastest: number | null = null
    for (const s of subscriptions.values()) {
      if (!s.subscriber.controlling || s.stale) continue
      if (fastest === null || s.unacknowledged < fastest) fastest = s.unacknowledged
    }
    return fastest
  }

  const regulate = () => {
    const backlog = pace()
    if (backlog === null || backlog < low) headroom = 0
    if (!paused && backlog !== null && backlog > high + headroom) {
      paused = true
      pauseCount++
      options.pause()
    } else if (paused && (backlog === null || backlog < low)) {
      paused = false
      options.resume()
    }
  }

  const sendReplay = (s: Subscription) => {
    const replay = options.replay.snapshot()
    s.unacknowledged = replay.length
    s.stale = false
    s.subscriber.send(replay, true)
  }

  return {
    add(subscriber) {
      const s: Subscription = { subscriber, unacknowledged: 0, stale: false }
      subscriptions.set(subscriber.id, s)
      sendReplay(s)
      regulate()
    },
    remove(id) {
      subscriptions.delete(id)
      regulate()
    },
    push(batch) {
      if (!curtained) options.replay.push(batch)
      for (const s of subscriptions.values()) {
        if (s.stale || (curtained && !s.subscriber.controlling)) continue
        s.unacknowledged += batch.length
        s.subscriber.send(batch, false)
        if (s.unacknowledged > staleAfter) s.stale = true
      }
      regulate()
    },
    ack(id, bytes) {
      const s = subscriptions.get(id)
      if (!s) return
      s.unacknowledged = Math.max(0, s.unacknowledged - bytes)
      // Caught up with everything it was sent: show it the screen as it is now.
      if (s.stale && s.unacknowledged === 0) sendReplay(s)
      regulate()
    },
    noteInput() {
      headroom = inputHeadroom
      if (paused && (pace() ?? 0) <= high + headroom) {
        paused = false
        options.resume()
      }
    },
    has(id) {
      return subscriptions.has(id)
    },
    setCurtain(closed) {
      if (closed === curtained) return
      curtained = closed
      if (!closed) for (const s of subscriptions.values()) sendReplay(s)
      regulate()
    },
    get paused() {
      return paused
    },
    get pauseCount() {
      return pauseCount
    },
    get size() {
      return subscriptions.size
    },
  }
}
