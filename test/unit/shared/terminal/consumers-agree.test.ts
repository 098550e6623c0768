/**
 * The four readers of terminal text (output filter, inspector, paste sanitizer, output
 * excerpt) go through one tokenizer: on any text they agree on where every escape
 * sequence starts and ends.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inspectCommand } from '../../../../src/shared/commands/inspect-command'
import { stripAnsi } from '../../../../src/shared/commands/output-excerpt'
import { sanitizePaste } from '../../../../src/shared/commands/sanitize-paste'
import { tokenize, type Ecma48Token } from '../../../../src/shared/terminal/ecma48-tokens'
import { hostileText } from './hostile-output'
import { runFilter } from './filter-harness'

const spans = (tokens: Ecma48Token[]) =>
  tokens.filter((t) => t.type === 'sequence').map((t) => [t.start, t.end])

/** The text with every sequence cut out and only the given controls kept. */
function withoutSequences(text: string, keep: (code: number) => boolean): string {
  return tokenize(text)
    .filter((t) => t.type === 'text' || (t.type === 'control' && keep(t.code)))
    .map((t) => text.slice(t.start, t.end))
    .join('')
}

const noCarriageReturn = hostileText.map((text) => text.replace(/\r/g, ''))

describe('one tokenizer, four readers', () => {
  it('the inspector reports exactly the tokenizer’s sequences', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const found = inspectCommand(text)
          .findings.filter((f) => f.kind === 'escape-sequence')
          .map((f) => [f.index, f.index + f.length])
        expect(found).toEqual(spans(tokenize(text)))
      }),
      { numRuns: 1_000 },
    )
  })

  it('the paste sanitizer removes exactly those sequences (and controls but tab and newline)', () => {
    fc.assert(
      fc.property(noCarriageReturn, (text) => {
        const expected = withoutSequences(text, (c) => c === 0x09 || c === 0x0a).replace(
          /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
          '',
        )
        expect(sanitizePaste(text).text).toBe(expected)
      }),
      { numRuns: 1_000 },
    )
  })

  it('the output excerpt removes exactly those sequences (and controls but tab and newline)', () => {
    fc.assert(
      fc.property(noCarriageReturn, (text) => {
        expect(stripAnsi(text)).toBe(withoutSequences(text, (c) => c === 0x09 || c === 0x0a))
      }),
      { numRuns: 1_000 },
    )
  })

  it('the output filter shows the same text between them, and only whole sequences of the input', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = runFilter([text]).text
        const isC0 = (c: number) => c < 0x20 || c === 0x7f
        expect(withoutSequences(shown, isC0)).toBe(withoutSequences(text, isC0))
        const input = new Set(
          tokenize(text).flatMap((t) =>
            t.type === 'sequence' ? [text.slice(t.start, t.end)] : [],
          ),
        )
        for (const t of tokenize(shown)) {
          if (t.type !== 'sequence') continue
          const sequence = shown.slice(t.start, t.end)
          // Passed as it was, or a mode list with its reporting modes taken out.
          // eslint-disable-next-line no-control-regex -- ESC is what is matched
          if (!input.has(sequence)) expect(sequence).toMatch(/^\u001b\[\??[0-9;]+[hl]$/)
          expect(t.dispatched).toBe(true)
        }
      }),
      { numRuns: 1_000 },
    )
  })
})
