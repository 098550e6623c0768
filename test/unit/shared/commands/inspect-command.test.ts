import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  blockedReason,
  inspectCommand,
  type FindingKind,
} from '../../../../src/shared/commands/inspect-command'
import { fromVisible, toVisible } from '../../../../src/shared/commands/visible-text'
import { hostileText } from '../terminal/hostile-output'

const ESC = '\u001b'
const SHAPE = new Set<FindingKind>(['multiline', 'trailing-newline', 'long-line'])

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
  ['BS inside a DSR', `echo ${ESC}[6\bn`, 'escape-sequence', true],
  ['BEL inside a DA1', `echo ${ESC}[\u0007c`, 'escape-sequence', true],
  ['CR inside a DECRQM', `echo ${ESC}[?1$\rp`, 'escape-sequence', true],
  ['OSC with a leading zero', `echo ${ESC}]011;?\u0007`, 'escape-sequence', true],
  ['C1 OSC', 'echo \u009d52;c;?\u0007', 'escape-sequence', true],
  ['C1 DCS', 'echo \u0090$qm\u009c', 'control', true],
  ['APC string', `echo ${ESC}_hidden${ESC}\\`, 'escape-sequence', true],
  ['fullwidth letters', 'ｒｍ -rf ./cache', 'lookalike', true],
  ['a ligature', 'cat /etc/proﬁle', 'lookalike', true],
  ['superscript digits', 'kill -⁹ 1', 'lookalike', true],
  ['mathematical bold letters', '𝐫𝐦 -rf /tmp/x', 'lookalike', true],
  ['a Kelvin sign', 'echo \u212A', 'lookalike', true],
  ['several lines', 'echo one\necho two', 'multiline', false],
  ['trailing newline', 'echo one\n', 'trailing-newline', false],
  ['very long line', `echo ${'x'.repeat(200)}`, 'long-line', false],
  ['an open quote', "echo 'it is", 'unfinished', true],
  ['a trailing backslash', 'kubectl rollout restart deploy/api \\', 'unfinished', true],
  ['a here-doc without its end', 'cat <<EOF > /etc/motd\nhello', 'unfinished', true],
  ['an open command substitution', 'echo $(date', 'unfinished', true],
  ['a pipe to nothing', 'journalctl -u api |', 'unfinished', true],
  ['harmless accent', 'echo café', 'non-ascii', false],
  ['CJK text', 'echo 部署完了', 'non-ascii', false],
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

  it('blocks an unfinished command and says what the shell would wait for', () => {
    const { findings, blocked } = inspectCommand("systemctl restart api && echo 'done")
    expect(blocked).toBe(true)
    expect(findings).toEqual([
      {
        kind: 'unfinished',
        index: 30,
        length: 1,
        description:
          'the command is unfinished: the shell would wait for more input (open single quote)',
        hides: true,
      },
    ])
    expect(blockedReason(findings)).toBe(
      'the command is unfinished: the shell would wait for more input (open single quote) — finish it and propose it again',
    )
    expect(blockedReason(inspectCommand("echo \u202e 'x").findings)).toBe(
      'the command hides characters: clean the text and propose it again (it is unfinished too)',
    )
    expect(blockedReason(inspectCommand('echo ok').findings)).toBeNull()
  })

  it.each([
    ["echo 'it''s'"],
    ['echo "a\\"b"'],
    ["echo $'it\\'s'"],
    ['echo \\\\'],
    ["echo hi # it's fine"],
    ['cat <<-EOF\n\tline\n\tEOF'],
    ["cat <<'EOF'\n$(x) 'y\nEOF"],
  ])('does not call %j unfinished', (text) => {
    expect(inspectCommand(text).findings.map((f) => f.kind)).not.toContain('unfinished')
  })

  it('points at the exact offset of a hidden character', () => {
    const [finding] = inspectCommand('abc\u202Edef').findings
    expect(finding).toMatchObject({ index: 3, length: 1 })
    expect(finding!.description).toContain('RIGHT-TO-LEFT OVERRIDE (U+202E)')
  })

  it('names a look-alike by its Unicode name and what it reads as', () => {
    expect(inspectCommand('ｒｍ -rf ./cache').findings[0]).toMatchObject({
      kind: 'lookalike',
      index: 0,
      length: 1,
      description: 'FULLWIDTH LATIN SMALL LETTER R (U+FF52), looks like “r”',
      hides: true,
    })
    expect(inspectCommand('kubectl scаle').findings[0]!.description).toBe(
      'CYRILLIC SMALL LETTER A (U+0430), looks like “a”',
    )
    expect(inspectCommand('ls ﬁ').findings[0]!.description).toBe(
      'LATIN SMALL LIGATURE FI (U+FB01), looks like “fi”',
    )
    // No name at hand: a generic description that still says what it reads as.
    expect(inspectCommand('𝐫m').findings[0]).toMatchObject({
      index: 0,
      length: 2,
      description: 'compatibility character “𝐫” (U+1D42B), looks like “r”',
    })
  })

  it('blocks every character whose NFKC form differs from itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0xa0, max: 0x10ffff }), (code) => {
        const char = String.fromCodePoint(code)
        if (code >= 0xd800 && code <= 0xdfff) return
        if (char.normalize('NFKC') === char) return
        expect(inspectCommand(`ls ${char}`).blocked).toBe(true)
      }),
      { numRuns: 20_000 },
    )
    for (let code = 0xff01; code <= 0xff5e; code++) {
      const [finding] = inspectCommand(String.fromCodePoint(code)).findings
      expect(finding!.description).toMatch(
        /^FULLWIDTH [A-Z -]+ \(U\+FF[0-9A-F]{2}\), looks like “.”$/,
      )
    }
  })

  it('describes an escape sequence as the terminal reads it, and an 8-bit introducer as a C1 control', () => {
    const text = `echo ${ESC}[?1$\rp; echo \u009b6n`
    const findings = inspectCommand(text).findings
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'escape-sequence', index: 5, length: 7 }),
    )
    expect(findings).toContainEqual(
      expect.objectContaining({
        kind: 'control',
        index: 10,
        length: 1,
        description: 'control character CARRIAGE RETURN (U+000D)',
      }),
    )
    expect(findings).toContainEqual({
      kind: 'control',
      index: 19,
      length: 1,
      description: 'C1 control character (U+009B), a one-byte CSI',
      hides: true,
    })
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'escape-sequence', index: 19, length: 3 }),
    )
  })

  it('names every character that is not printable ASCII, inside sequences too (any string)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), hostileText), (text) => {
        const { findings } = inspectCommand(text)
        const named = new Set(findings.filter((f) => !SHAPE.has(f.kind)).map((f) => f.index))
        for (let i = 0; i < text.length;) {
          const code = text.codePointAt(i)!
          if (code !== 0x0a && (code < 0x20 || code > 0x7e)) expect(named).toContain(i)
          i += code > 0xffff ? 2 : 1
        }
        for (const f of findings) expect(f.index + f.length).toBeLessThanOrEqual(text.length)
      }),
      { numRuns: 2_000 },
    )
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
