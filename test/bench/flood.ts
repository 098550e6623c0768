import { createWriteStream } from 'node:fs'

/** The last line of every flood: its rows on screen mean everything before was parsed. */
export const FLOOD_SENTINEL = '__WARROOM_END_OF_FLOOD__'

export interface Flood {
  /** The line before the sentinel (checked intact on screen: no byte lost). */
  lastLine: string
  bytes: number
}

/** `megabytes` of numbered log lines (some non-ASCII), ending with the sentinel line. */
export async function writeFlood(path: string, megabytes = 50): Promise<Flood> {
  const out = createWriteStream(path)
  let bytes = 0
  let n = 0
  let lastLine = ''
  while (bytes < megabytes * 1024 * 1024) {
    lastLine = `${String(++n).padStart(9, '0')} checkout-api pod=api-7f9 latency_ms=${n % 997} état=dégradé ${'x'.repeat(40)}`
    const line = `${lastLine}\n`
    bytes += Buffer.byteLength(line)
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  out.end(`${FLOOD_SENTINEL}\n`)
  await new Promise<void>((resolve) => out.once('close', () => resolve()))
  return { lastLine, bytes: bytes + FLOOD_SENTINEL.length + 1 }
}
