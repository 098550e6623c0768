import { tokenize } from '../terminal/ecma48-tokens'
import { describeC1, describeCharacter } from './describe-character'
import { scanShell } from './shell-scan'
import { toVisible } from './visible-text'

export type FindingKind =
  | 'control'
  | 'escape-sequence'
  | 'bidi'
  | 'invisible'
  | 'odd-space'
  | 'lookalike'
  | 'non-ascii'
  | 'multiline'
  | 'trailing-newline'
  | 'long-line'
  | 'unfinished'

export interface Finding {
  kind: FindingKind
  /** Offset in UTF-16 code units, and length, of what the finding is about. */
  index: number
  length: number
  /** What it is, for people: "RIGHT-TO-LEFT OVERRIDE (U+202E)". */
  description: string
  /** True where the text hides or disguises what runs, or is unfinished: approval is blocked. */
  hides: boolean
}

export interface Inspection {
  findings: Finding[]
  /** Some finding hides text: the command must be cleaned before anyone can approve it. */
  blocked: boolean
  lines: string[]
}

/** A line longer than this is flagged: its end is off screen for most of the room. */
export const LONG_LINE_CHARS = 160

/** Text as printable ASCII in quotes: `"\u{1B}[31m"`. */
const quoted = (text: string) => `"${toVisible(text)}"`

/**
 * Looks at a proposed command byte by byte and names everything that is not plain,
 * printable ASCII, plus the shape of the text (several lines, a trailing newline, very
 * long lines). Escape sequences are found with the terminal's own tokenizer, so they are
 * the sequences xterm.js would see (8-bit C1 forms, controls inside them, and all).
 * Pure: the same text always gives the same findings.
 */
export function inspectCommand(text: string): Inspection {
  const findings: Finding[] = []
  const add = (
    kind: FindingKind,
    index: number,
    length: number,
    description: string,
    hides: boolean,
  ) => findings.push({ kind, index, length, description, hides })

  for (const token of tokenize(text)) {
    let from = token.start
    if (token.type === 'sequence') {
      const length = token.end - token.start
      if (token.eightBit) {
        add('control', from, 1, describeC1(text.charCodeAt(from)), true)
      }
      add(
        'escape-sequence',
        from,
        length,
        `terminal escape sequence ${quoted(text.slice(from, token.end))}`,
        true,
      )
      from++ // the introducer is described; the characters inside are named below
    }
    for (let index = from; index < token.end;) {
      const code = text.codePointAt(index)!
      const width = code > 0xffff ? 2 : 1
      const finding = describeCharacter(code)
      if (finding) add(finding.kind, index, width, finding.description, finding.hides)
      index += width
    }
  }

  const lines = text.split('\n')
  const trailing = text.endsWith('\n')
  const bodyLines = trailing ? lines.slice(0, -1) : lines
  if (bodyLines.length > 1) {
    add(
      'multiline',
      0,
      text.length,
      `${bodyLines.length} lines: each runs as its own command`,
      false,
    )
  }
  if (trailing) {
    add(
      'trailing-newline',
      text.length - 1,
      1,
      'ends with a newline (the gate adds its own Enter)',
      false,
    )
  }
  let offset = 0
  for (const [n, line] of lines.entries()) {
    if (line.length > LONG_LINE_CHARS) {
      add(
        'long-line',
        offset,
        line.length,
        `line ${n + 1} is ${line.length} characters long`,
        false,
      )
    }
    offset += line.length + 1
  }

  // Left unfinished, the shell waits for more and joins the next approved command to it.
  const unfinished = scanShell(text).unfinished
  if (unfinished) {
    add(
      'unfinished',
      unfinished.index,
      unfinished.length,
      `the command is unfinished: the shell would wait for more input (${unfinished.what})`,
      true,
    )
  }

  findings.sort((a, b) => a.index - b.index)
  return { findings, blocked: findings.some((f) => f.hides), lines: bodyLines }
}

/** Why approval is blocked, for people (null when it is not). */
export function blockedReason(findings: readonly Finding[]): string | null {
  const hiding = findings.filter((f) => f.hides)
  if (!hiding.length) return null
  const unfinished = hiding.find((f) => f.kind === 'unfinished')
  if (unfinished && hiding.length === 1) {
    return `${unfinished.description} — finish it and propose it again`
  }
  const hides = 'the command hides characters: clean the text and propose it again'
  return unfinished ? `${hides} (it is unfinished too)` : hides
}
