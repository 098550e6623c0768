import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inspectCommand, type FindingKind } from '../../../../src/shared/commands/inspect-command'
import { fromVisible, toVisible } from '../../../../src/shared/commands/visible-text'

const ESC = '\u001b'

/** Hostile strings and what the inspection must call them. */
const HOSTILE: Array<[name: string, text: string, kind: FindingKind, blocked: boolean]> = [
  ['Trojan Source RLO', 'rm -rf /tmp/cache\u202E # safe', 'bidi', true],
  ['bidi isolate', 'echo \u2066admin\u2069', 'bidi', true],
  ['zero-width space inside a word', 'sys\u200Btemctl restart api', 'invisible', true],
  ['zero-width joiner', 'kubectl\u200D delete pod x', 'invisible', true],
  ['BOM at the start', '\uFEFFls', 'invisible', true],
  ['tag characters', 'ls\u{E0041}\u{E0042}', 'invisible', true],
  ['no-break space between words', 'rm\u00A0-rf /', 'odd-space', true],
  ['Cyrillic a in kubectl', 'kubectl scаle deploy api --replicas=3', 'lookalike', true],
  ['en dash flag', 'kubectl delete pod x \u2013\u2013force', 'lookalike', true],
  ['smart quotes', 'echo \u201Chello\u201D', 'lookalike', true],
  ['fullwidth slash', 'cat \uFF0Fetc\uFF0Fpasswd', 'lookalike', true],
  ['ANSI colour that hides text', `echo safe${ESC}[8m; rm -rf ~${ESC}[0m`, 'escape-sequence', true],
  ['bracketed paste end marker', `echo hi${ESC}[201~rm -rf /`, 'escape-sequence', true],
  ['OSC 52 clipboard write', `${ESC}]52;c;ZWNobyBwd25lZA==\u0007ls`, 'escape-sequence', true],
  ['carriage return overprint', 'rm -rf /\recho harmless', 'control', true],
  ['backspace overprint', 'echo rm -rf /\b\b\b\b\b\b\b\b\b\b', 'control', true],
  ['tab completion', 'rm -rf /var/lib/do\t', 'control', true],
  ['Ctrl-U erases the line', 'echo ok\u0015rm -rf /', 'control', true],
  ['C1 CSI', 'echo \u009B31mred', 'control', true],
  ['NUL byte', 'echo a\u0000b', 'control', true],
  ['several lines', 'echo one\necho two', 'multiline', false],
  ['trailing newline', 'echo one\n', 'trailing-newline', false],
  ['very long line', `echo ${'x'.repeat(200)}`, 'long-line', false],
  ['harmless accent', 'echo café', 'non-ascii', false],
]

describe('command inspection', () => {
  it.each(HOSTILE)('names %s', (_name, text, kind, blocked) => {
    const inspection = inspectCommand(text)
    expect(inspection.findings.map((f) => f.kind)).toContain(kind)
    expect(inspection.blocked).toBe(blocked)
  })

  it('finds nothing in a plain command', () => {
    expect(inspectCommand('kubectl -n payments rollout undo deploy/api')).toEqual({
      findings: [],
      blocked: false,
      lines: ['kubectl -n payments rollout undo deploy/api'],
    })
  })

  it('points at the exact offset of a hidden character', () => {
    const [finding] = inspectCommand('abc\u202Edef').findings
    expect(finding).toMatchObject({ index: 3, length: 1 })
    expect(finding!.description).toContain('RIGHT-TO-LEFT OVERRIDE (U+202E)')
  })

  it('numbers the lines of a multi-line command', () => {
    expect(inspectCommand('a\nb\nc\n').lines).toEqual(['a', 'b', 'c'])
  })
})

describe('visible rendering', () => {
  it.each(HOSTILE)('shows %s in printable ASCII only', (_name, text) => {
    expect(toVisible(text)).toMatch(/^[\x20-\x7e]*$/)
  })

  it('is reversible and shows nothing but printable ASCII as itself (any string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const visible = toVisible(text)
        expect(visible).toMatch(/^[\x20-\x7e]*$/)
        expect(fromVisible(visible)).toBe(text)
      }),
      { numRuns: 2_000 },
    )
  })

  it('leaves printable ASCII, but the backslash, as it is', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...' !"#$%&()*+,-./09:;<=>?@AZ[]^_`az{|}~') }),
        (text) => {
          expect(toVisible(text)).toBe(text)
        },
      ),
    )
    expect(toVisible('a\\b')).toBe('a\\\\b')
    expect(toVisible('\u202E')).toBe('\\u{202E}')
  })
})
