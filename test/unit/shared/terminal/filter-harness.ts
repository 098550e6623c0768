/** Runs bytes through the output filter and records what comes out, in order. */
import { createOutputFilter } from '../../../../src/shared/terminal/output-filter'

export type FilterEvent =
  { visible: Uint8Array } | { mark: number; body: string } | { bracketedPaste: boolean }

export interface FilterRun {
  events: FilterEvent[]
  /** All visible bytes, joined. */
  bytes: Uint8Array
  text: string
  marks: Array<{ mark: number; body: string }>
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

export function runFilter(chunks: Array<Uint8Array | string>): FilterRun {
  const events: FilterEvent[] = []
  const filter = createOutputFilter({
    // The filter may hand out views of the chunk it was given: copy, as a consumer keeping them would.
    onVisible: (bytes) => events.push({ visible: bytes.slice() }),
    onMark: (mark, body) => events.push({ mark, body }),
    onBracketedPaste: (on) => events.push({ bracketedPaste: on }),
  })
  for (const chunk of chunks) filter.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
  const visible = events.flatMap((e) => ('visible' in e ? [e.visible] : []))
  const bytes = new Uint8Array(visible.reduce((n, v) => n + v.length, 0))
  let at = 0
  for (const v of visible) {
    bytes.set(v, at)
    at += v.length
  }
  return {
    events,
    bytes,
    text: decoder.decode(bytes),
    marks: events.flatMap((e) => ('mark' in e ? [e] : [])),
  }
}
