/**
 * The last stretch of a terminal's output, kept so that a window that comes back (a reload,
 * a crashed browser, a second window, a participant joining) can be shown the same screen:
 * xterm replays it from a reset. Whole batches are kept (each starts on a token boundary:
 * never inside a UTF-8 or escape sequence), the oldest dropped first.
 */

/** 2 MiB: several thousand lines of scrollback, replayed into xterm in well under 500 ms. */
export const REPLAY_BYTES = 2 * 1024 * 1024

export interface ReplayBuffer {
  push(batch: Uint8Array): void
  /** Everything kept, oldest first, as one buffer. */
  snapshot(): Uint8Array
  readonly size: number
}

export function createReplayBuffer(capacity = REPLAY_BYTES): ReplayBuffer {
  let chunks: Uint8Array[] = []
  let head = 0
  let size = 0
  return {
    push(batch) {
      if (batch.length === 0) return
      chunks.push(batch)
      size += batch.length
      while (size > capacity && chunks.length - head > 1) {
        size -= chunks[head]!.length
        head++
      }
      if (head > 1024) {
        chunks = chunks.slice(head)
        head = 0
      }
    },
    snapshot() {
      const kept = chunks.slice(head)
      return kept.length === 1 ? kept[0]! : Buffer.concat(kept, size)
    },
    get size() {
      return size
    },
  }
}
