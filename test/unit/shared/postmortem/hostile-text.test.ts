/**
 * Nothing the leader types can break the postmortem: whatever text goes into any field,
 * a real CommonMark parser reads back the same document structure (sections, tables,
 * lists, code blocks, no HTML), and single-line fields read back as the text itself.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  POSTMORTEM_PRESETS,
  renderPostmortem,
} from '../../../../src/shared/postmortem/render-postmortem'
import { fixtureIncident, T0 } from '../../../support/incident-fixture'
import { outline, type Outline } from './markdown-structure'

const NOW = T0 + 86_400_000

function shape(doc: Outline) {
  return {
    headingLevels: doc.headings.map((h) => h.level),
    sections: doc.headings.filter((h) => h.level === 2).map((h) => h.text),
    tables: doc.tables.map((t) => t.rows.map((r) => r.length)),
    html: doc.html,
  }
}

const reference = Object.fromEntries(
  POSTMORTEM_PRESETS.map((preset) => [
    preset,
    shape(outline(renderPostmortem(fixtureIncident(), { preset, now: NOW }))),
  ]),
)

/**
 * Hostile text, and what a CommonMark reader must read back from it as a one-line field:
 * the text itself, with line breaks (and the blanks around them) and tabs as one space,
 * control characters and bidi overrides as U+FFFD, no blanks at either end.
 */
const HOSTILE: { text: string; readBack: string; title?: string }[] = [
  { text: '| a | b |\n|---|---|\n| c | d |', readBack: '| a | b | |---|---| | c | d |' },
  { text: '```\nrm -rf /\n```', readBack: '``` rm -rf / ```' },
  { text: '~~~ also a fence', readBack: '~~~ also a fence' },
  { text: '# Not a heading', readBack: '# Not a heading' },
  { text: '## Lessons Learned', readBack: '## Lessons Learned' },
  { text: '<script>alert(1)</script>', readBack: '<script>alert(1)</script>' },
  { text: '<!-- an html comment', readBack: '<!-- an html comment' },
  { text: '<img src=x onerror=alert(1)>', readBack: '<img src=x onerror=alert(1)>' },
  { text: '[click](javascript:alert(1))', readBack: '[click](javascript:alert(1))' },
  { text: '![img](http://evil.example/x.png)', readBack: '![img](http://evil.example/x.png)' },
  { text: '&lt;b&gt; &amp; &#x3C;', readBack: '&lt;b&gt; &amp; &#x3C;' },
  {
    text: '- not a list\n* nor this\n+ nor this',
    readBack: '- not a list * nor this + nor this',
  },
  { text: '1. not ordered\n2) nor this', readBack: '1. not ordered 2) nor this' },
  { text: '---\n===\n***', readBack: '--- === ***' },
  { text: '> not a quote', readBack: '> not a quote' },
  {
    text: '    four spaces of code',
    readBack: 'four spaces of code',
    title: 'Postmortem:     four spaces of code',
  },
  { text: '\tTab indented', readBack: 'Tab indented', title: 'Postmortem:  Tab indented' },
  { text: 'trailing backslash \\', readBack: 'trailing backslash \\' },
  { text: '`unbalanced ``code', readBack: '`unbalanced ``code' },
  { text: '**bold** _em_ ~~strike~~ $math$', readBack: '**bold** _em_ ~~strike~~ $math$' },
  { text: 'line one\n\nline three', readBack: 'line one line three' },
  { text: 'one \r\n\t two\rthree', readBack: 'one two three' },
  {
    text: '\u0000\u001b[31mred\u001b[0m\u202eevil\u2066',
    readBack: '\uFFFD\uFFFD[31mred\uFFFD[0m\uFFFDevil\uFFFD',
  },
  { text: 'bell\u0007 del\u007f csi\u009b', readBack: 'bell\uFFFD del\uFFFD csi\uFFFD' },
  {
    text: 'www.example.com https://example.com <https://example.com>',
    readBack: 'www.example.com https://example.com <https://example.com>',
  },
  {
    text: '[ref]: https://example.com "title"',
    readBack: '[ref]: https://example.com "title"',
  },
  { text: '\\| escaped pipe \\`', readBack: '\\| escaped pipe \\`' },
  { text: ':--- | ---:', readBack: ':--- | ---:' },
  {
    text: 'psql postgres://app:hunter2@db/prod',
    readBack: 'psql postgres://app:••••••@db/prod',
  },
]

/** One piece of a generated field: what is typed, and what must be read back for it. */
interface Piece {
  typed: string
  readBack: string
}

const piece = (typed: string, readBack = typed): Piece => ({ typed, readBack })

/** Characters Markdown gives a meaning to, and plain ones (none can spell a secret). */
const visible = fc
  .constantFrom(...'|`*_#<>&[]()!\\-+=.:~$"\'{}0123456789abé日😀')
  .map((c) => piece(c))
/** Control characters and bidi overrides (not blanks): each reads back as U+FFFD. */
const hidden = fc
  .constantFrom(
    '\u0000',
    '\u0007',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u009b',
    '\u202a',
    '\u202e',
    '\u2066',
    '\u2069',
  )
  .map((c) => piece(c, '\uFFFD'))
/** What may sit between two words: a line break with blanks around it reads back as one space. */
const separator = fc.constantFrom(
  piece(' '),
  piece('  ', '  '),
  piece('\t', ' '),
  piece('\n', ' '),
  piece('\r\n', ' '),
  piece('\r', ' '),
  piece(' \n\t ', ' '),
  piece('\n\n', ' '),
)
const word = fc.array(fc.oneof({ weight: 4, arbitrary: visible }, hidden), {
  minLength: 1,
  maxLength: 6,
})
/** A field's text built from words and separators, with the text it must read back as. */
const field = fc
  .tuple(word, fc.array(fc.tuple(separator, word), { maxLength: 5 }))
  .map(([first, rest]) => {
    const pieces = [...first, ...rest.flatMap(([sep, w]) => [sep, ...w])]
    return {
      typed: pieces.map((p) => p.typed).join(''),
      readBack: pieces.map((p) => p.readBack).join(''),
    }
  })

/** Anything at all, for the structure alone. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(...'|`*_#<>&[]()!\\-+=.:~$ \n\r\t\u0000\u001b\u202e0123456789ab'),
    maxLength: 40,
  }),
)

describe('hostile text in every field of the postmortem', () => {
  for (const preset of POSTMORTEM_PRESETS) {
    it.each(HOSTILE)(`${preset}: %j keeps the document's structure`, (hostile) => {
      const md = renderPostmortem(fixtureIncident({ text: () => hostile.text }), {
        preset,
        now: NOW,
      })
      const doc = outline(md)
      expect(shape(doc)).toEqual(reference[preset])
      expect(doc.headings[0]!.text).toBe(hostile.title ?? `Postmortem: ${hostile.readBack}`)
      const actions = doc.tables.find((t) => t.rows[0]![0] === 'Action item')!
      expect(actions.rows[2]![0]).toBe(hostile.readBack)
      expect(actions.rows[2]![4]).toBe(hostile.readBack)
    })
  }

  it('an owner left blank reads as unassigned', () => {
    const text = (name: string) => (name === 'owner' ? ' \n\t ' : name)
    const doc = outline(
      renderPostmortem(fixtureIncident({ text }), {
        preset: POSTMORTEM_PRESETS[0],
        now: NOW,
      }),
    )
    const actions = doc.tables.find((t) => t.rows[0]![0] === 'Action item')!
    expect(actions.rows[2]![2]).toBe('unassigned')
  })

  it('any text keeps the structure (property)', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.constantFrom(...POSTMORTEM_PRESETS), (a, b, preset) => {
        const text = (name: string, index: number) => ((name.length + index) % 2 ? a : b)
        const doc = outline(renderPostmortem(fixtureIncident({ text }), { preset, now: NOW }))
        expect(shape(doc)).toEqual(reference[preset])
      }),
      { numRuns: 300 },
    )
  })

  it('one-line fields read back as typed (property)', () => {
    fc.assert(
      fc.property(field, field, fc.constantFrom(...POSTMORTEM_PRESETS), (a, b, preset) => {
        const pick = (name: string, index: number) => ((name.length + index) % 2 ? a : b)
        const text = (name: string, index: number) => pick(name, index).typed
        const doc = outline(renderPostmortem(fixtureIncident({ text }), { preset, now: NOW }))
        expect(shape(doc)).toEqual(reference[preset])
        expect(doc.headings[0]!.text).toBe(`Postmortem: ${pick('title', 0).readBack}`)
        const actions = doc.tables.find((t) => t.rows[0]![0] === 'Action item')!
        expect(actions.rows[2]![0]).toBe(pick('action', 1).readBack)
        expect(actions.rows[2]![2]).toBe(pick('owner', 1).readBack)
        const timelineItem = doc.listItems.find((item) => item.startsWith('2026-11-25 13:07:55'))
        expect(timelineItem).toBe(
          `2026-11-25 13:07:55 · Stage · ${pick('expert', 2).readBack}: ${pick('event', 1).readBack}`,
        )
      }),
      { numRuns: 300 },
    )
  })
})
