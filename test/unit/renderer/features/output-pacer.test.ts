import { describe, expect, it } from 'vitest'
import {
  createOutputPacer,
  FLOOD_WRITE_BYTES,
  INPUT_GRACE_MS,
  OUTPUT_PACE_MS,
  type PacerClock,
} from '../../../../src/renderer/features/terminal/output-pacer'

/** A clock the test moves by hand; timers run when their time comes. */
function manualClock() {
  let now = 1_000
  let timers: Array<{ at: number; run: () => void; id: number }> = []
  let nextId = 0
  const clock: PacerClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = ++nextId
      timers.push({ at: now + ms, run, id })
      return id
    },
    clearTimeout: (handle) => {
      timers = timers.filter((t) => t.id !== handle)
    },
  }
  const advance = (ms: number) => {
    now += ms
    for (;;) {
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0]
      if (!due) return
      timers = timers.filter((t) => t !== due)
      due.run()
    }
  }
  return { clock, advance, pending: () => timers.length }
}

function pacerUnderTest() {
  const { clock, advance, pending } = manualClock()
  const writes: string[][] = []
  const pacer = createOutputPacer<string>({ write: (items) => writes.push(items), clock })
  return { pacer, writes, advance, pending }
}

const FLOOD_CHUNK = FLOOD_WRITE_BYTES

describe('output pacer: a flood reaches xterm in few writes, everything else at once', () => {
  it('writes echo and short output the moment it arrives', () => {
    const { pacer, writes, advance } = pacerUnderTest()
    pacer.push('l', 1)
    advance(1)
    pacer.push('s', 1)
    pacer.push('file-a  file-b\r\n$ ', 20_000)
    expect(writes).toEqual([['l'], ['s'], ['file-a  file-b\r\n$ ']])
  })

  it('holds a flood and hands it over in one write per pace interval, in order', () => {
    const { pacer, writes, advance } = pacerUnderTest()
    pacer.push('a', FLOOD_CHUNK) // the first output after a quiet moment goes at once
    advance(5)
    pacer.push('b', FLOOD_CHUNK)
    advance(5)
    pacer.push('c', FLOOD_CHUNK)
    expect(writes).toEqual([['a']])
    advance(OUTPUT_PACE_MS - 10)
    expect(writes).toEqual([['a'], ['b', 'c']])
    pacer.push('d', FLOOD_CHUNK)
    expect(writes).toHaveLength(2)
    advance(OUTPUT_PACE_MS)
    expect(writes).toEqual([['a'], ['b', 'c'], ['d']])
    expect(writes.flat().join('')).toBe('abcd')
  })

  it('stops holding once the flood is over', () => {
    const { pacer, writes, advance } = pacerUnderTest()
    pacer.push('a', FLOOD_CHUNK)
    advance(OUTPUT_PACE_MS)
    pacer.push('prompt', 2)
    expect(writes).toEqual([['a'], ['prompt']])
  })

  it('after a key is typed (Ctrl-C during a flood) writes what it held and holds nothing for a moment', () => {
    const { pacer, writes, advance, pending } = pacerUnderTest()
    pacer.push('a', FLOOD_CHUNK)
    pacer.push('b', FLOOD_CHUNK)
    expect(writes).toEqual([['a']])
    pacer.noteInput()
    expect(writes).toEqual([['a'], ['b']])
    expect(pending()).toBe(0)
    advance(1)
    pacer.push('^C', FLOOD_CHUNK)
    pacer.push('$ ', 2)
    expect(writes).toEqual([['a'], ['b'], ['^C'], ['$ ']])
    advance(INPUT_GRACE_MS)
    pacer.push('e', FLOOD_CHUNK)
    pacer.push('f', FLOOD_CHUNK)
    expect(writes.at(-1)).toEqual(['e'])
  })

  it('flush writes what is held now; dispose drops it and writes nothing later', () => {
    const { pacer, writes, advance } = pacerUnderTest()
    pacer.push('a', FLOOD_CHUNK)
    pacer.push('b', FLOOD_CHUNK)
    pacer.flush()
    expect(writes).toEqual([['a'], ['b']])
    advance(1)
    pacer.push('c', FLOOD_CHUNK)
    pacer.dispose()
    advance(OUTPUT_PACE_MS)
    pacer.push('d', 1)
    expect(writes).toEqual([['a'], ['b']])
  })
})
