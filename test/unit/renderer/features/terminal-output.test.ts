import type { Terminal } from '@xterm/xterm'
import { describe, expect, it } from 'vitest'
import {
  ACK_EVERY_BYTES,
  REPLAYING_CLASS,
  TerminalOutput,
} from '../../../../src/renderer/features/terminal/terminal-output'

/**
 * xterm as far as TerminalOutput sees it: writes are queued and parsed later, in order (as
 * xterm does); the "screen" is what was parsed since the last full reset (ESC c).
 */
function fakeXterm() {
  const queue: Array<{ data: string | Uint8Array; parsed?: () => void }> = []
  let screen = ''
  const classes = new Set<string>()
  const term = {
    element: {
      classList: {
        add: (c: string) => classes.add(c),
        remove: (c: string) => classes.delete(c),
      },
    },
    write: (data: string | Uint8Array, parsed?: () => void) => queue.push({ data, parsed }),
  }
  const parseAll = () => {
    while (queue.length) {
      const { data, parsed } = queue.shift()!
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
      screen = text === '\u001bc' ? '' : screen + text
      parsed?.()
    }
  }
  return {
    term: term as unknown as Terminal,
    parseAll,
    screen: () => screen,
    hidden: () => classes.has(REPLAYING_CLASS),
  }
}

const bytes = (text: string) => new TextEncoder().encode(text)
const live = (text: string) => ({ sessionId: 's1', data: bytes(text), replay: false })
const replay = (text: string) => ({ sessionId: 's1', data: bytes(text), replay: true })

function outputUnderTest() {
  const xterm = fakeXterm()
  const acks: number[] = []
  let first = 0
  const output = new TerminalOutput(xterm.term, {
    ack: (_session, n) => acks.push(n),
    firstOutput: () => first++,
  })
  return { output, xterm, acks, firstOutputs: () => first }
}

describe('terminal output: a replay replaces what came before it', () => {
  it('what xterm still had queued is parsed before the reset, out of sight until the replay is in (the curtain opened)', () => {
    const { output, xterm } = outputUnderTest()
    output.receive(live('SECRET=hidden-from-the-room'))
    output.receive(replay('$ replayed'))
    expect(xterm.hidden()).toBe(true)
    xterm.parseAll()
    expect(xterm.screen()).toBe('$ replayed')
    expect(xterm.hidden()).toBe(false)
  })

  it('acknowledges parsed output in steps, and not what was written before a replay', () => {
    const { output, xterm, acks } = outputUnderTest()
    const chunk = 'x'.repeat(ACK_EVERY_BYTES / 4)
    for (let i = 0; i < 3; i++) output.receive(live(chunk))
    xterm.parseAll()
    expect(acks).toEqual([])
    output.receive(live(chunk))
    xterm.parseAll()
    expect(acks).toEqual([ACK_EVERY_BYTES])
    // Written, then replaced by a replay before it was parsed: the host counts from the
    // replay on, so only the replay is acknowledged.
    output.receive(live(chunk))
    output.receive(replay('$ '))
    xterm.parseAll()
    expect(acks).toEqual([ACK_EVERY_BYTES, 2])
  })

  it('says once when the first output was parsed', () => {
    const { output, xterm, firstOutputs } = outputUnderTest()
    output.receive(replay('$ '))
    expect(firstOutputs()).toBe(0)
    xterm.parseAll()
    output.receive(live('more'))
    xterm.parseAll()
    expect(firstOutputs()).toBe(1)
  })
})
