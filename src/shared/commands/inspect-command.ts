/* eslint-disable no-control-regex -- finding and removing control characters is the point of this module */
import { BIDI_CONTROLS, C0_NAMES, INVISIBLES, LOOKALIKES, ODD_SPACES } from './character-names'

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

export interface Finding {
  kind: FindingKind
  /** Offset in UTF-16 code units, and length, of what the finding is about. */
  index: number
  length: number
  /** What it is, for people: "RIGHT-TO-LEFT OVERRIDE (U+202E)". */
  description: string
  /** True where the text hides or disguises what runs: approval is blocked. */
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

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`

/** ESC sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and two-byte ESC x. */
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_]|[ -/]*[0-~])?/y

/**
 * Looks at a proposed command byte by byte and names everything that is not plain,
 * printable ASCII, plus the shape of the text (several lines, a trailing newline, very
 * long lines). Pure: the same text always gives the same findings.
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

  let index = 0
  while (index < text.length) {
    const code = text.codePointAt(index)!
    const width = code > 0xffff ? 2 : 1
    if (code === 0x1b) {
      ESCAPE_SEQUENCE.lastIndex = index
      const match = ESCAPE_SEQUENCE.exec(text)
      const length = match ? match[0].length : 1
      add(
        'escape-sequence',
        index,
        length,
        `terminal escape sequence ${JSON.stringify(text.slice(index, index + length))}`,
        true,
      )
      index += length
      continue
    }
    if (code === 0x0a) {
      // Newlines are about the shape of the text, reported below.
    } else if (code < 0x20 || code === 0x7f) {
      add(
        'control',
        index,
        1,
        `control character ${C0_NAMES[code] ?? ''} (${hex(code)})`.replace('  ', ' '),
        true,
      )
    } else if (code >= 0x80 && code <= 0x9f) {
      add(
        'control',
        index,
        1,
        `C1 control character (${hex(code)})${code === 0x9b ? ', a one-byte CSI' : ''}`,
        true,
      )
    } else if (BIDI_CONTROLS[code]) {
      add(
        'bidi',
        index,
        width,
        `${BIDI_CONTROLS[code]} (${hex(code)}): reorders how the text is shown`,
        true,
      )
    } else if (
      INVISIBLES[code] ||
      (code >= 0xe0000 && code <= 0xe007f) ||
      (code >= 0xfe00 && code <= 0xfe0f)
    ) {
      add(
        'invisible',
        index,
        width,
        `invisible ${INVISIBLES[code] ?? 'tag or variation selector'} (${hex(code)})`,
        true,
      )
    } else if (ODD_SPACES[code]) {
      add(
        'odd-space',
        index,
        width,
        `${ODD_SPACES[code]} (${hex(code)}): looks like a space, is not one to the shell`,
        true,
      )
    } else if (LOOKALIKES[code]) {
      add(
        'lookalike',
        index,
        width,
        `"${String.fromCodePoint(code)}" (${hex(code)}) looks like "${LOOKALIKES[code]}"`,
        true,
      )
    } else if (code >= 0xd800 && code <= 0xdfff) {
      add('control', index, 1, `lone surrogate (${hex(code)}): not valid text`, true)
    } else if (code > 0x7e) {
      add(
        'non-ascii',
        index,
        width,
        `non-ASCII "${String.fromCodePoint(code)}" (${hex(code)})`,
        false,
      )
    }
    index += width
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

  findings.sort((a, b) => a.index - b.index)
  return { findings, blocked: findings.some((f) => f.hides), lines: bodyLines }
}
