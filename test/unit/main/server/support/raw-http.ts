import { connect } from 'node:net'

/** How one raw exchange ends on the client side once every chunk is written. */
export type Ending =
  /**
   * Half-close right away. Node's server then answers only what it can answer at once
   * and closes: a file still being read is not sent.
   */
  | 'end'
  /** Keep the connection open until the server closes it (ask with `Connection: close`). */
  | 'wait'
  /** Abort with the request unfinished (a client vanishing mid-request). */
  | 'destroy'
  /** Abort with a TCP reset, so the server's next write to the socket fails. */
  | 'reset'

export interface RawExchange {
  /** Bytes written one after the other; `pauseMs` waits between them (slowloris-style). */
  chunks: Buffer[]
  pauseMs: number
  ending: Ending
}

export interface RawOutcome {
  /** Every status line the server sent (pipelined requests get several). */
  statuses: number[]
  response: Buffer
  /** The server did not close within the deadline (meaningful for `end` and `wait`). */
  hung: boolean
}

const STATUS_LINE = /HTTP\/1\.[01] (\d{3}) /g

export function statusesOf(response: Buffer): number[] {
  return [...response.toString('latin1').matchAll(STATUS_LINE)].map((m) => Number(m[1]))
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Sends bytes over a fresh TCP connection and collects whatever comes back until the
 * server closes (or `deadlineMs` passes). Never throws: resets and refusals are outcomes.
 */
export function exchange(port: number, raw: RawExchange, deadlineMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    let hung = false
    const deadline = setTimeout(() => {
      hung = true
      socket.destroy()
    }, deadlineMs)
    socket.on('data', (data) => received.push(data))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(deadline)
      const response = Buffer.concat(received)
      resolve({ statuses: statusesOf(response), response, hung })
    })
    socket.once('connect', async () => {
      for (const [index, chunk] of raw.chunks.entries()) {
        if (socket.destroyed) return
        if (index > 0 && raw.pauseMs > 0) await pause(raw.pauseMs)
        socket.write(chunk)
      }
      if (raw.ending === 'wait') return
      if (raw.ending === 'end') socket.end()
      else if (raw.ending === 'reset') socket.resetAndDestroy()
      else socket.destroy()
    })
  })
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapPool<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return results
}
