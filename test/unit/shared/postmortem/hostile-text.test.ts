/**
 * Nothing the leader types can break the postmortem: whatever text goes into any field,
 * a real CommonMark parser reads back the same document structure (sections, tables,
 * lists, code blocks, no HTML), and single-line fields read back as the text itself.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskSecrets } from '../../../../src/shared/commands/mask-secrets'
import {
  POSTMORTEM_PRESETS,
  renderPostmortem,
} from '../../../../src/shared/postmortem/render-postmortem'
import { fixtureIncident, T0 } from '../../../support/incident-fixture'
import { HOSTILE } from './hostile-strings'
import { outline, type Outline } from './markdown-structure'

const NOW = T0 + 86_400_000

const HIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are what is tested
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb\u{110bd}\u{110cd}\u{13430}-\u{1343f}]/gu

/** What a single-line field should read back as: the parser's view of the user's text. */
function expectedInline(text: string): string {
  return maskSecrets(text)
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')
    .replace(HIDDEN, '\uFFFD')
    .replace(/\t/g, ' ')
    .trim()
}

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

describe('hostile text in every field of the postmortem', () => {
  for (const preset of POSTMORTEM_PRESETS) {
    it.each(HOSTILE)(`${preset}: %j keeps the document's structure`, (hostile) => {
      const md = renderPostmortem(fixtureIncident({ text: () => hostile }), { preset, now: NOW })
      const doc = outline(md)
      expect(shape(doc)).toEqual(reference[preset])
      expect(doc.headings[0]!.text).toBe(expectedInline(`Postmortem: ${hostile}`))
      const actions = doc.tables.find((t) => t.rows[0]![0] === 'Action item')!
      expect(actions.rows[2]![0]).toBe(expectedInline(hostile))
      expect(actions.rows[2]![4]).toBe(expectedInline(hostile))
    })
  }

  const userText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom(...'|`*_#<>&[]()!\\-+=.:~$ \n\r\t\u0000\u001b\u202e0123456789ab'),
      maxLength: 40,
    }),
  )

  it('any user text keeps the structure and reads back as typed (property)', () => {
    fc.assert(
      fc.property(userText, userText, fc.constantFrom(...POSTMORTEM_PRESETS), (a, b, preset) => {
        const text = (field: string, index: number) => ((field.length + index) % 2 ? a : b)
        const md = renderPostmortem(fixtureIncident({ text }), { preset, now: NOW })
        const doc = outline(md)
        expect(shape(doc)).toEqual(reference[preset])
        expect(doc.headings[0]!.text).toBe(expectedInline(`Postmortem: ${text('title', 0)}`))
        const actions = doc.tables.find((t) => t.rows[0]![0] === 'Action item')!
        expect(actions.rows[2]![0]).toBe(expectedInline(text('action', 1)))
        expect(actions.rows[2]![2]).toBe(expectedInline(text('owner', 1)) || 'unassigned')
        const timelineItem = doc.listItems.find((item) => item.startsWith('2026-11-25 13:07:55'))
        const actor = expectedInline(text('expert', 2))
        const summary = expectedInline(text('event', 1))
        expect(timelineItem).toBe(
          `2026-11-25 13:07:55 · Stage ·${actor ? ` ${actor}:` : ''} ${summary}`.trim(),
        )
      }),
      { numRuns: 300 },
    )
  })
})
