import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_MARK_BODY_CHARS,
  MAX_SEQUENCE_BYTES,
} from '../../../../src/shared/terminal/output-filter'
import { TokenScanner, tokenize } from '../../../../src/shared/terminal/ecma48-tokens'
import { headlessXterm } from '../../../support/headless-xterm'
import {
  chunked,
  cuts,
  ATTACKS,
  HARMLESS,
  hostileBytes,
  MARKS,
  OTHER_QUERIES,
  QUERIES,
} from './hostile-output'
import { runFilter } from './filter-harness'

const ESC = '\u001b'
const encoder = new TextEncoder()

/** What a fresh headless xterm.js answers (or is left ready to send) after these bytes. */
async function answers(chunks: Array<Uint8Array | string>): Promise<string[]> {
  const xterm = headlessXterm()
  for (const chunk of chunks) await xterm.write(chunk)
  const replies = [...xterm.replies, ...xterm.reportingModes()]
  xterm.dispose()
  return replies
}

const visibleChunks = (chunks: Array<Uint8Array | string>) =>
  runFilter(chunks).events.flatMap((e) => ('visible' in e ? [e.visible] : []))

describe('the output filter against xterm.js answer-back', () => {
  it.each(ATTACKS)('%s: xterm answers it raw, never filtered', async (_name, attack) => {
    expect(await answers([attack])).not.toEqual([])
    expect(await answers(visibleChunks([attack]))).toEqual([])
    // Byte by byte: split everywhere.
    const bytes = encoder.encode(attack)
    const split = [...bytes].map((b) => Uint8Array.of(b))
    expect(await answers(visibleChunks(split))).toEqual([])
  })

  it('drops queries xterm.js 6.0 leaves unanswered but others answer, and the clipboard', () => {
    for (const query of OTHER_QUERIES) expect(runFilter([`a${query}b`]).text).toBe('ab')
    for (const osc of [
      `${ESC}]52;c;cm0gLXJmIC8=\u0007`,
      `${ESC}]052;c;?\u0007`,
      '\u009d52;c;?\u009c',
    ])
      expect(runFilter([`a${osc}b`]).text).toBe('ab')
  })

  it('never makes xterm.js answer, whatever the bytes and however they are split', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes, cuts, async (bytes, at) => {
        expect(await answers(visibleChunks(chunked(bytes, at)))).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('is tested on streams that do make xterm.js answer without it', async () => {
    const samples = fc.sample(hostileBytes, { numRuns: 100, seed: 42 })
    let answered = 0
    for (const bytes of samples) if ((await answers([bytes])).length > 0) answered++
    expect(answered).toBeGreaterThan(30) // 51 of these 100 make it answer
    for (const query of QUERIES) expect(await answers([query]), query).not.toEqual([])
  })
})

describe('what the output filter shows', () => {
  const printable = fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('é', '€', '中', '😀', 'ｒ', '\u00a0', '\u{10ffff}', '\n', '\t', '\r'),
    ),
    maxLength: 12,
  })
  const sequence = fc.constantFrom(...QUERIES, ...OTHER_QUERIES, ...HARMLESS, ...MARKS)

  it('passes printable text unchanged and in order, between any sequences, however split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(printable, fc.option(sequence)), { maxLength: 12 }),
        cuts,
        (parts, at) => {
          const text = parts.map(([t]) => t).join('')
          const stream = encoder.encode(parts.map(([t, s]) => t + (s ?? '')).join(''))
          const shown = runFilter(chunked(stream, at)).text
          const plain = tokenize(shown)
            .filter((t) => t.type !== 'sequence')
            .map((t) => shown.slice(t.start, t.end))
            .join('')
          expect(plain).toBe(text)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('gives the same bytes, marks and mode changes however the stream is split', () => {
    fc.assert(
      fc.property(hostileBytes, cuts, (bytes, at) => {
        const whole = runFilter([bytes])
        const split = runFilter(chunked(bytes, at))
        expect(split.bytes).toEqual(whole.bytes)
        expect(split.events.filter((e) => !('visible' in e))).toEqual(
          whole.events.filter((e) => !('visible' in e)),
        )
      }),
      { numRuns: 1_000 },
    )
  })

  it('gives the same result wherever the chunk lies in its buffer (word alignment)', () => {
    fc.assert(
      fc.property(hostileBytes, fc.integer({ min: 0, max: 7 }), (bytes, offset) => {
        const buffer = new Uint8Array(bytes.length + 8)
        buffer.set(bytes, offset)
        const view = buffer.subarray(offset, offset + bytes.length)
        expect(runFilter([view]).events).toEqual(runFilter([bytes]).events)
      }),
      { numRuns: 1_000 },
    )
  })

  it('never ends a chunk inside a character or a sequence, and shows no C1 control nor invalid UTF-8', () => {
    const strict = new TextDecoder('utf-8', { fatal: true })
    fc.assert(
      fc.property(hostileBytes, cuts, (bytes, at) => {
        for (const chunk of visibleChunks(chunked(bytes, at))) {
          expect(chunk.length).toBeGreaterThan(0)
          const text = strict.decode(chunk) // throws on invalid or cut UTF-8
          expect(text).not.toMatch(/[\u0080-\u009f\ufeff]/)
          const scanner = new TokenScanner()
          const tokens = [...scanner.push(text), ...scanner.end()]
          for (const t of tokens) if (t.type === 'sequence') expect(t.dispatched).toBe(true)
        }
      }),
      { numRuns: 1_000 },
    )
  })

  it('lets through the sequences programs print all the time, as they are', () => {
    const stream = HARMLESS.join('x')
    expect(runFilter([stream]).text).toBe(stream)
  })

  it('keeps a clean run in one piece (no copies for plain output)', () => {
    const chunk = encoder.encode(`ls -la\r\n${ESC}[1;34mdir${ESC}[0m  file.txt  café\r\n`)
    const events = runFilter([chunk]).events
    expect(events).toHaveLength(1)
  })

  it('takes focus and mouse reporting out of a mode list and keeps the rest', () => {
    expect(runFilter([`${ESC}[?1049;1004;1000;25h`]).text).toBe(`${ESC}[?1049;25h`)
    expect(runFilter([`${ESC}[?1004;1000l`]).text).toBe(`${ESC}[?1004;1000l`)
    expect(runFilter([`${ESC}[?01004h${ESC}[?1004:1h${ESC}[?h`]).text).toBe('')
  })

  it('drops counts that would stall xterm.js, keeps ordinary ones', () => {
    expect(runFilter([`${ESC}[3S${ESC}[2147483647S${ESC}[99999b`]).text).toBe(`${ESC}[3S`)
  })
})

describe('marks', () => {
  it('hands marks over in stream order with the bytes around them', () => {
    const { events } = runFilter([
      `out${ESC}]133;C\u0007x${ESC}]133;D;2${ESC}\\${ESC}]133;A\u0007$ `,
    ])
    expect(events.map((e) => ('visible' in e ? new TextDecoder().decode(e.visible) : e))).toEqual([
      'out',
      { mark: 133, body: 'C' },
      'x',
      { mark: 133, body: 'D;2' },
      { mark: 133, body: 'A' },
      '$ ',
    ])
  })

  it('reads marks split anywhere, with leading zeros and 8-bit introducers', () => {
    const stream = `a${ESC}]6973;ctx;cwd=/srv/caf\u00e9\u0007b${ESC}]0633;E;echo 😀\u009cc\u009d06973;names;alias=ll\u0007`
    const bytes = encoder.encode(stream)
    const expected = [
      { mark: 6973, body: 'ctx;cwd=/srv/café' },
      { mark: 633, body: 'E;echo 😀' },
      { mark: 6973, body: 'names;alias=ll' },
    ]
    for (let cut = 0; cut <= bytes.length; cut++) {
      const run = runFilter([bytes.subarray(0, cut), bytes.subarray(cut)])
      expect(run.marks).toEqual(expected)
      expect(run.text).toBe('abc')
    }
  })

  it('reports a mark the way xterm.js reads it: no body without ";", C0 controls skipped, aborted ones not at all', () => {
    expect(runFilter([`${ESC}]133\u0007`]).marks).toEqual([{ mark: 133, body: '' }])
    expect(runFilter([`${ESC}]133;\bA\u0007`]).marks).toEqual([{ mark: 133, body: 'A' }])
    expect(
      runFilter([`${ESC}]133;A\u0018`, `${ESC}]13x3;A\u0007`, `${ESC}]1330;A\u0007`]).marks,
    ).toEqual([])
  })

  it('drops a mark body over the limit and goes on', () => {
    const long = 'x'.repeat(MAX_MARK_BODY_CHARS + 1)
    const run = runFilter([`${ESC}]6973;${long}`, `\u0007ok${ESC}]133;A\u0007`])
    expect(run.marks).toEqual([{ mark: 133, body: 'A' }])
    expect(run.text).toBe('ok')
  })
})

describe('bounded holding', () => {
  it('consumes a runaway OSC or DCS as it streams, showing nothing of it', () => {
    const shown: number[] = []
    const payload = encoder.encode('A'.repeat(65_536))
    const run = runFilter([
      `before${ESC}]52;c;`,
      ...Array.from({ length: 160 }, () => payload), // 10 MB
      `\u0007after${ESC}P+q`,
      ...Array.from({ length: 160 }, () => payload),
      `${ESC}\\end`,
    ])
    for (const e of run.events) if ('visible' in e) shown.push(e.visible.length)
    expect(run.text).toBe('beforeafterend')
    expect(shown.reduce((a, b) => a + b, 0)).toBe('beforeafterend'.length)
  })

  it('drops an allowed-looking sequence longer than the limit, split or not', () => {
    const sgr = `${ESC}[${'1;'.repeat(MAX_SEQUENCE_BYTES)}1m`
    expect(runFilter([`a${sgr}b`]).text).toBe('ab')
    const bytes = encoder.encode(`a${sgr}b`)
    expect(runFilter(chunked(bytes, [10, 500, 1500])).text).toBe('ab')
  })

  it('holds an incomplete character or sequence until the rest arrives', () => {
    const run = runFilter([
      'a\u00e2'.slice(0, 1),
      Uint8Array.of(0xe2, 0x82),
      Uint8Array.of(0xac),
      `${ESC}[3`,
      '1mb',
    ])
    expect(run.events.map((e) => ('visible' in e ? [...e.visible] : e))).toEqual([
      [0x61],
      [0xe2, 0x82, 0xac],
      [...encoder.encode(`${ESC}[31m`)],
      [0x62],
    ])
  })
})

describe('bracketed paste', () => {
  it('reports the program switching bracketed paste, after the bytes before it', () => {
    const { events } = runFilter([
      `a${ESC}[?2004h`,
      `b${ESC}[?1;2004l${ESC}[?2004;1004h${ESC}[!p${ESC}c${ESC}[?1004h`,
    ])
    expect(events.map((e) => ('visible' in e ? new TextDecoder().decode(e.visible) : e))).toEqual([
      `a${ESC}[?2004h`,
      { bracketedPaste: true },
      `b${ESC}[?1;2004l`,
      { bracketedPaste: false },
      `${ESC}[?2004h`,
      { bracketedPaste: true },
      `${ESC}[!p`,
      { bracketedPaste: false },
      `${ESC}c`,
      { bracketedPaste: false },
    ])
  })

  it('agrees with xterm.js on the mode after any stream', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes, async (bytes) => {
        const run = runFilter([bytes])
        const xterm = headlessXterm()
        await xterm.write(run.bytes)
        const last = run.events
          .flatMap((e) => ('bracketedPaste' in e ? [e.bracketedPaste] : []))
          .pop()
        expect(last ?? false).toBe(xterm.bracketedPaste())
        xterm.dispose()
      }),
      { numRuns: 200 },
    )
  })
})
