import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createOutputExcerpt, stripAnsi } from '../../../../src/shared/commands/output-excerpt'
import { chunked, cuts, hostileText } from '../terminal/hostile-output'

const ESC = '\u001b'

describe('stripAnsi', () => {
  it.each([
    ['colours', `${ESC}[1;31mfailed${ESC}[0m`, 'failed'],
    ['a title', `${ESC}]0;build${ESC}\\done`, 'done'],
    ['a C0 inside a CSI', `a${ESC}[6\bnb`, 'ab'],
    ['8-bit CSI and OSC', 'a\u009b31mb\u009d0;t\u009cc', 'abc'],
    ['an OSC with a leading zero', `a${ESC}]011;?\u0007b`, 'ab'],
    ['DCS and APC strings', `a${ESC}P$qm${ESC}\\b${ESC}_x${ESC}\\c`, 'abc'],
    ['C0 and C1 controls', 'a\u0007\u0000b\u0085c\td', 'abc\td'],
    ['carriage-return overwrites', 'progress 10%\rprogress 20%\r\ndone', 'progress 20%\ndone'],
  ])('removes %s', (_name, raw, plain) => {
    expect(stripAnsi(raw)).toBe(plain)
  })
})

describe('output excerpt', () => {
  const excerpt = (chunks: string[], head?: number, tail?: number) => {
    const e = createOutputExcerpt(head, tail)
    for (const chunk of chunks) e.push(chunk)
    return e.finish()
  }

  it('gives the same plain text however the output is split', () => {
    fc.assert(
      fc.property(hostileText, cuts, (text, at) => {
        expect(excerpt(chunked(text, at)).output).toBe(excerpt([text]).output)
        expect(excerpt([text]).output).toBe(stripAnsi(text).replace(/\s+$/, ''))
      }),
      { numRuns: 500 },
    )
  })

  it('keeps the same head, tail and count however the output is split', () => {
    fc.assert(
      fc.property(hostileText, cuts, fc.nat(20), fc.nat(30), (text, at, head, tail) => {
        expect(excerpt(chunked(text, at), head, tail + 1)).toEqual(excerpt([text], head, tail + 1))
      }),
      { numRuns: 500 },
    )
  })

  it('removes a sequence split across chunks whole', () => {
    expect(excerpt(['ok ', `${ESC}]0;ti`, `tle${ESC}`, '\\', `${ESC}[3`, '1mred']).output).toBe(
      'ok red',
    )
  })

  it('keeps the head and the tail of plain text, and counts the raw output', () => {
    const colour = `${ESC}[32m`
    const chunks = Array.from(
      { length: 100 },
      (_, i) => `${colour}line ${String(i).padStart(2, '0')}\n`,
    )
    const result = excerpt(chunks, 16, 16)
    expect(result.truncated).toBe(true)
    expect(result.outputChars).toBe(chunks.join('').length)
    expect(result.output).toBe(
      'line 00\nline 01\n\n… 768 characters of output omitted …\nline 98\nline 99',
    )
  })

  it('is not filled by a runaway OSC', () => {
    const result = excerpt(
      ['before', `${ESC}]52;c;`, 'A'.repeat(1_000_000), '\u0007after'],
      100,
      100,
    )
    expect(result).toMatchObject({ output: 'beforeafter', truncated: false })
  })
})
