import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { Ecma48Tokenizer, Kind, Step } from '../../../../src/shared/terminal/ecma48'
import { State, TRANSITIONS } from '../../../../src/shared/terminal/ecma48-table'
import {
  tokenize,
  TokenScanner,
  type Ecma48Token,
} from '../../../../src/shared/terminal/ecma48-tokens'
import { headlessXterm } from '../../../support/headless-xterm'
import { chunked, cuts, hostileText } from './hostile-output'

const ESC = '\u001b'
const xterm = headlessXterm()
afterAll(() => xterm.dispose())

const collectCode = (collect: string) =>
  [...collect].reduce((acc, c) => (acc << 8) | c.charCodeAt(0), 0)
const IN_CSI_OR_DCS = new Set([3, 4, 5, 6, 9, 10, 11, 12, 13])

describe('the tokenizer follows xterm.js 6', () => {
  it('has the very transition table of xterm.js', () => {
    expect([...TRANSITIONS]).toEqual([...xterm.parser._transitions.table])
  })

  it('is in the same state as xterm.js after every code point, with the same ident, params and collect', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const tok = new Ecma48Tokenizer()
        xterm.parse(`${ESC}c`) // RIS: a clean parser for each run
        for (const char of text) {
          tok.step(char.codePointAt(0)!)
          xterm.parse(char)
          const parser = xterm.parser
          expect(tok.state).toBe(parser.currentState)
          if (tok.state === State.OSC_STRING) {
            expect(tok.oscIdent).toBe(parser._oscParser._id)
            expect(tok.oscState).toBe(parser._oscParser._state)
          }
          if (IN_CSI_OR_DCS.has(tok.state)) {
            const main = parser._params.toArray().filter((p) => !Array.isArray(p))
            expect(tok.params).toEqual(main)
            if (!tok.collectOverflow) expect(collectCode(tok.collect)).toBe(parser._collect)
          }
        }
      }),
      { numRuns: 400 },
    )
  })
})

const kinds = (text: string) =>
  tokenize(text).map((t) => [
    t.type === 'sequence' ? `${t.kind}${t.eightBit ? '8' : ''}${t.dispatched ? '' : '!'}` : t.type,
    text.slice(t.start, t.end),
  ])

describe('tokens', () => {
  it.each([
    [
      'a C0 inside a CSI is executed and the CSI goes on',
      `${ESC}[6\bn!`,
      [
        ['csi', `${ESC}[6\bn`],
        ['text', '!'],
      ],
    ],
    ['BEL inside a CSI', `${ESC}[\u0007c`, [['csi', `${ESC}[\u0007c`]]],
    ['CR between intermediate and final', `${ESC}[?1$\rp`, [['csi', `${ESC}[?1$\rp`]]],
    [
      '8-bit CSI',
      'x\u009b6ny',
      [
        ['text', 'x'],
        ['csi8', '\u009b6n'],
        ['text', 'y'],
      ],
    ],
    ['8-bit OSC ended by 8-bit ST', '\u009d11;?\u009c', [['osc8', '\u009d11;?\u009c']]],
    ['8-bit DCS', '\u0090$qm\u009c', [['dcs8', '\u0090$qm\u009c']]],
    [
      'OSC ended by BEL',
      `${ESC}]0;t\u0007x`,
      [
        ['osc', `${ESC}]0;t\u0007`],
        ['text', 'x'],
      ],
    ],
    [
      'OSC ended by ESC, then ST as its own escape',
      `${ESC}]0;t${ESC}\\`,
      [
        ['osc', `${ESC}]0;t`],
        ['esc', `${ESC}\\`],
      ],
    ],
    [
      'CAN aborts a CSI and is executed',
      `${ESC}[31\u0018m`,
      [
        ['csi!', `${ESC}[31`],
        ['control', '\u0018'],
        ['text', 'm'],
      ],
    ],
    [
      'SUB aborts an OSC as part of it',
      `${ESC}]0;t\u001ax`,
      [
        ['osc!', `${ESC}]0;t\u001a`],
        ['text', 'x'],
      ],
    ],
    [
      'ESC restarts',
      `${ESC}[3${ESC}[4m`,
      [
        ['csi!', `${ESC}[3`],
        ['csi', `${ESC}[4m`],
      ],
    ],
    [
      'a C1 introducer restarts',
      `${ESC}]11;?\u009b6n`,
      [
        ['osc!', `${ESC}]11;?`],
        ['csi8', '\u009b6n'],
      ],
    ],
    [
      '8-bit OSC and SOS restart a CSI',
      `${ESC}[3\u009d0;t\u0098x\u009c`,
      [
        ['csi!', `${ESC}[3`],
        ['osc8!', '\u009d0;t'],
        ['string8', '\u0098x\u009c'],
      ],
    ],
    [
      'a C1 control aborts and is executed',
      `${ESC}[6\u0085n`,
      [
        ['csi!', `${ESC}[6`],
        ['control', '\u0085'],
        ['text', 'n'],
      ],
    ],
    [
      'non-ASCII inside a CSI is swallowed',
      `${ESC}[3é1m`,
      [
        ['csi!', `${ESC}[3é`],
        ['text', '1m'],
      ],
    ],
    [
      'APC string',
      `${ESC}_payload${ESC}\\ok`,
      [
        ['string!', `${ESC}_payload`],
        ['esc', `${ESC}\\`],
        ['text', 'ok'],
      ],
    ],
    [
      'SOS ended by 8-bit ST',
      `${ESC}Xabc\u009cok`,
      [
        ['string', `${ESC}Xabc\u009c`],
        ['text', 'ok'],
      ],
    ],
    [
      'two-character escape',
      `${ESC}7x${ESC}(B`,
      [
        ['esc', `${ESC}7`],
        ['text', 'x'],
        ['esc', `${ESC}(B`],
      ],
    ],
    [
      'cut off at the end',
      `ok${ESC}[1;2`,
      [
        ['text', 'ok'],
        ['csi!', `${ESC}[1;2`],
      ],
    ],
    [
      'DEL and stray ST in ground',
      'a\u007fb\u009c',
      [
        ['text', 'a'],
        ['control', '\u007f'],
        ['text', 'b'],
        ['control', '\u009c'],
      ],
    ],
    ['BOM is invisible to the parser', `${ESC}[3\ufeff1m`, [['csi', `${ESC}[3\ufeff1m`]]],
  ])('%s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected)
  })

  it('reads an OSC ident as a number, leading zeros and all', () => {
    const tok = new Ecma48Tokenizer()
    for (const char of `${ESC}]0006973;x`) tok.step(char.codePointAt(0)!)
    expect(tok.oscIdent).toBe(6973)
    expect(tok.step(0x07)).toBe(Step.FINISH)
    expect([tok.endKind, tok.endDispatched, tok.endOscIdent]).toEqual([Kind.OSC, true, 6973])
  })

  it('reads CSI params as xterm.js does', () => {
    const tok = new Ecma48Tokenizer()
    for (const char of `${ESC}[?01004;;2004h`) tok.step(char.codePointAt(0)!)
    expect([tok.collect, String.fromCharCode(tok.final), tok.params]).toEqual([
      '?',
      'h',
      [1004, 0, 2004],
    ])
  })

  it('takes its fast path through exactly the code units stepping would print or keep', () => {
    const kept = (1 << 0x09) | (1 << 0x0a) | (1 << 0x0d)
    for (const textControls of [0, kept]) {
      for (let c = 0; c <= 0xffff; c++) {
        const step = new Ecma48Tokenizer().step(c)
        const isText =
          c === 0xfeff ||
          step === Step.PRINT ||
          (step === Step.EXECUTE && c < 0x20 && ((textControls >>> c) & 1) === 1)
        const scanner = new TokenScanner(textControls)
        const tokens = [...scanner.push(`a${String.fromCharCode(c)}b`), ...scanner.end()]
        if (isText)
          expect(tokens, `U+${c.toString(16)}`).toEqual([{ type: 'text', start: 0, end: 3 }])
        else expect(tokens[0], `U+${c.toString(16)}`).toEqual({ type: 'text', start: 0, end: 1 })
      }
    }
  })

  it('covers every code unit, in order, and gives the same tokens however the text is split', () => {
    fc.assert(
      fc.property(hostileText, cuts, (text, at) => {
        const whole = tokenize(text)
        let offset = 0
        for (const t of whole) {
          expect(t.start).toBe(offset)
          expect(t.end).toBeGreaterThan(t.start)
          offset = t.end
        }
        expect(offset).toBe(text.length)
        const scanner = new TokenScanner()
        const parts: Ecma48Token[] = []
        for (const chunk of chunked(text, at)) parts.push(...scanner.push(chunk))
        parts.push(...scanner.end())
        expect(mergeText(parts)).toEqual(mergeText(whole))
      }),
      { numRuns: 500 },
    )
  })
})

/** Text tokens are cut at chunk edges: join neighbours to compare. */
function mergeText(tokens: Ecma48Token[]): Ecma48Token[] {
  const out: Ecma48Token[] = []
  for (const t of tokens) {
    const last = out[out.length - 1]
    if (t.type === 'text' && last?.type === 'text' && last.end === t.start) last.end = t.end
    else out.push({ ...t })
  }
  return out
}
