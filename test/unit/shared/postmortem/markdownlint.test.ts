/**
 * The postmortem passes markdownlint's default rules (line length aside: user prose and
 * command output are as long as they are), for any incident and any text typed into it:
 * real sub-headings instead of bold lines, unique headings, fences with a language, blank
 * lines around blocks, no trailing spaces or tabs, no bare URLs, one trailing newline.
 */
import fc from 'fast-check'
import { lint } from 'markdownlint/sync'
import { describe, expect, it } from 'vitest'
import {
  POSTMORTEM_PRESETS,
  renderPostmortem,
  type PostmortemPreset,
} from '../../../../src/shared/postmortem/render-postmortem'
import { fixtureIncident, T0, type FixtureOptions } from '../../../support/incident-fixture'
import { HOSTILE } from './hostile-strings'

const NOW = T0 + 86_400_000
/** Generated incidents per run (LINT_RUNS=2000 for a deeper search; markdownlint takes ~50 ms a document). */
const RUNS = Number(process.env.LINT_RUNS ?? 80)

/** markdownlint's defaults, but MD013 (line length). */
const CONFIG = { default: true, MD013: false } as const

function findings(markdown: string): string[] {
  const result = lint({ strings: { postmortem: markdown }, config: CONFIG })
  return (result.postmortem ?? []).map(
    (e) =>
      `line ${e.lineNumber}: ${e.ruleNames.join('/')} ${e.errorDetail ?? ''} ${e.errorContext ?? ''}`,
  )
}

function render(options: FixtureOptions, preset: PostmortemPreset): string {
  return renderPostmortem(fixtureIncident(options), { preset, now: NOW })
}

/** Pieces that mean something to Markdown or to markdownlint, put together at random. */
const TOKENS = [
  ...'|`*_#<>&[]()!\\-+=.:;,~$@ \n\r\t\u0000\u001b\u202e\u00a0\u2028\u0600\ufff9。！0123456789ab',
  '\u{13430}',
  '```',
  '~~~',
  '- ',
  '1. ',
  '2) ',
  '> ',
  '# ',
  '    ',
  '---',
  '===',
  '$ ',
  '\n$ ',
  '\n\n',
  'https://example.com/a_b*c|d',
  'HTTP://EXAMPLE.COM',
  'www.example.com',
  'WWW.x.y',
  'ops@example.com',
  'mailto:a@b.co',
  '<b>',
  '<!--',
  '&amp;',
  '&#46;',
  '[ref]: https://x.y',
  '(text)[link]',
  '[x](y)',
  '**',
  '__',
  ' * ',
  'Bearer abcdefghijklmnop1234',
  'x'.repeat(300),
]

const userText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TOKENS), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(...HOSTILE, '', ' ', '\n', 'Ends with a period.', 'Ends with a colon:'),
)

const incident = fc.record({
  texts: fc.array(userText, { minLength: 1, maxLength: 5 }),
  events: fc.nat(10),
  commands: fc.nat(13),
  notes: fc.nat(8),
  actionItems: fc.nat(3),
  stakeholderUpdates: fc.nat(3),
  open: fc.boolean(),
  breakGlass: fc.boolean(),
  preset: fc.constantFrom(...POSTMORTEM_PRESETS),
})

describe('the postmortem passes markdownlint (default rules, MD013 off)', () => {
  for (const preset of POSTMORTEM_PRESETS) {
    it(`${preset}: a full incident`, () => {
      expect(findings(render({}, preset))).toEqual([])
    })

    it(`${preset}: an empty incident (nothing written, nothing recorded)`, () => {
      const md = render(
        {
          text: () => '',
          events: 0,
          commands: 0,
          notes: 0,
          actionItems: 0,
          stakeholderUpdates: 0,
          breakGlass: false,
          open: true,
        },
        preset,
      )
      expect(findings(md)).toEqual([])
    })

    it.each(HOSTILE)(`${preset}: %j in every field`, (hostile) => {
      expect(findings(render({ text: () => hostile, commands: 12 }, preset))).toEqual([])
    })
  }

  it(
    'for any incident and any text (property)',
    () => {
      fc.assert(
        fc.property(incident, ({ texts, preset, ...sizes }) => {
          const text = (field: string, index: number) =>
            texts[(field.length * 7 + index) % texts.length]!
          expect(findings(render({ ...sizes, text }, preset))).toEqual([])
        }),
        { numRuns: RUNS },
      )
    },
    Math.max(120_000, RUNS * 2_000),
  )
})
