/**
 * Batches pty output into few messages, as VS Code's terminal does: output is held a few ms
 * to coalesce, and sent at once after user input so typing stays snappy.
 */

/** Coalesce output for this long: ~200 messages/s at most, still instant to the eye. */
export const OUTPUT_BATCH_MS = 5
/**
 * Send a batch early once it is this big, so memory stays bounded between timer ticks.
 * Measured (terminal-throughput): 64 KB frames cost the page a WebSocket message and an
 * xterm write per 64 KB; 256 KB took the bare page on the host path from ~13 to ~17 MB/s.
 */
export const OUTPUT_MAX_BATCH_BYTES = 256 * 1024

export interface OutputBatcher {
  /** Filtered output (whole tokens): it leaves in order, in batches. */
  push(bytes: Uint8Array): void
  /** The user just typed: send the next output without waiting for the batch timer. */
  noteInput(): void
  /** Sends what is batched now (before an event that must not overtake the output). */
  flush(): void
  dispose(): void
}

export function createOutputBatcher(options: {
  send(batch: Uint8Array): void
  batchMs?: number
  maxBatchBytes?: number
}): OutputBatcher {
  const batchMs = options.batchMs ?? OUTPUT_BATCH_MS
  const maxBatch = options.maxBatchBytes ?? OUTPUT_MAX_BATCH_BYTES
  let chunks: Uint8Array[] = []
  let buffered = 0
  let inputPending = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (buffered === 0 || disposed) return
    const batch = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered)
    chunks = []
    buffered = 0
    options.send(batch)
  }

  return {
    push(bytes) {
      if (disposed || bytes.length === 0) return
      chunks.push(bytes)
      buffered += bytes.length
      if (inputPending || buffered >= maxBatch) {
        inputPending = false
        flush()
      } else if (!timer) {
        timer = setTimeout(flush, batchMs)
      }
    },
    noteInput() {
      inputPending = true
      flush()
    },
    flush,
    dispose() {
      flush()
      disposed = true
    },
  }
}
