/**
 * Batches pty output into few messages and applies flow control, as VS Code's terminal
 * does: output is held a few ms to coalesce, sent at once after user input so typing
 * stays snappy, and the pty is paused while too much sent output is not yet parsed.
 */

/** Coalesce output for this long: ~200 messages/s at most, still instant to the eye. */
export const OUTPUT_BATCH_MS = 5
/** Send a batch early once it is this big, so memory stays bounded between timer ticks. */
export const OUTPUT_MAX_BATCH_CHARS = 64 * 1024
/**
 * Pause the pty above this many sent-but-unacknowledged chars. VS Code uses 100,000 over
 * IPC. Measured here (npm run bench -- terminal-throughput ctrl-c-flood): 2M/500K gave
 * ~12 MB/s for a 50 MB cat but Ctrl-C took ~370 ms to show the prompt (everything queued
 * must be parsed first); 512K/128K ~9.2 MB/s with Ctrl-C 145–185 ms; 256K/96K ~8.9 MB/s
 * with Ctrl-C 140–150 ms. Stopping a runaway command matters more in an incident than raw
 * speed.
 */
export const FLOW_HIGH_WATERMARK_CHARS = 256_000
/** Resume once the renderer has caught up to below this many unacknowledged chars. */
export const FLOW_LOW_WATERMARK_CHARS = 96_000

export interface OutputPumpOptions {
  send(data: string): void
  pause(): void
  resume(): void
  batchMs?: number
  maxBatchChars?: number
  highWatermark?: number
  lowWatermark?: number
}

export interface OutputPump {
  /** Output read from the pty. */
  push(data: string): void
  /** The renderer has parsed this many more chars. */
  ack(chars: number): void
  /** The user just typed: send the next output without waiting for the batch timer. */
  noteInput(): void
  readonly paused: boolean
  readonly unacknowledged: number
  /** How many times flow control paused the pty (for benchmarks). */
  readonly pauseCount: number
  /** Sends what is batched now (before an event that must not overtake the output). */
  flush(): void
  dispose(): void
}

export function createOutputPump(options: OutputPumpOptions): OutputPump {
  const batchMs = options.batchMs ?? OUTPUT_BATCH_MS
  const maxBatch = options.maxBatchChars ?? OUTPUT_MAX_BATCH_CHARS
  const high = options.highWatermark ?? FLOW_HIGH_WATERMARK_CHARS
  const low = options.lowWatermark ?? FLOW_LOW_WATERMARK_CHARS

  let chunks: string[] = []
  let buffered = 0
  let unacknowledged = 0
  let paused = false
  let pauseCount = 0
  let inputPending = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (buffered === 0 || disposed) return
    const data = chunks.length === 1 ? chunks[0]! : chunks.join('')
    chunks = []
    buffered = 0
    options.send(data)
  }

  return {
    push(data) {
      if (disposed || data.length === 0) return
      chunks.push(data)
      buffered += data.length
      unacknowledged += data.length
      if (!paused && unacknowledged > high) {
        paused = true
        pauseCount++
        options.pause()
      }
      if (inputPending || buffered >= maxBatch) {
        inputPending = false
        flush()
      } else if (!timer) {
        timer = setTimeout(flush, batchMs)
      }
    },
    ack(chars) {
      unacknowledged = Math.max(0, unacknowledged - chars)
      if (paused && unacknowledged < low) {
        paused = false
        options.resume()
      }
    },
    noteInput() {
      inputPending = true
      flush()
    },
    flush,
    get paused() {
      return paused
    },
    get unacknowledged() {
      return unacknowledged
    },
    get pauseCount() {
      return pauseCount
    },
    dispose() {
      flush()
      disposed = true
    },
  }
}
