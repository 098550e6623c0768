/**
 * What the inspector says about one character of a command: controls, bidi overrides,
 * invisible and odd spaces, look-alikes (a table of confusables, then anything whose NFKC
 * form differs from itself: fullwidth forms, ligatures, superscripts, …), lone
 * surrogates, other non-ASCII. Printable ASCII and the newline (a matter of shape) get
 * nothing.
 */
import { BIDI_CONTROLS, C0_NAMES, INVISIBLES, LOOKALIKES, ODD_SPACES } from './character-names'
import type { FindingKind } from './inspect-command'
import { lookalikeName } from './lookalike-names'

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`

export interface CharacterFinding {
  kind: FindingKind
  description: string
  hides: boolean
}

const C1_ROLES: Record<number, string> = {
  0x90: 'a one-byte DCS',
  0x98: 'a one-byte SOS',
  0x9b: 'a one-byte CSI',
  0x9c: 'a one-byte string terminator',
  0x9d: 'a one-byte OSC',
  0x9e: 'a one-byte PM',
  0x9f: 'a one-byte APC',
}

export function describeC1(code: number): string {
  const role = C1_ROLES[code]
  return `C1 control character (${hex(code)})${role ? `, ${role}` : ''}`
}

/** A look-alike: "FULLWIDTH LATIN SMALL LETTER R (U+FF52), looks like “r”". */
function describeLookalike(char: string, code: number, looksLike: string): string {
  const name = lookalikeName(code) ?? `compatibility character “${char}”`
  return `${name} (${hex(code)}), looks like “${looksLike}”`
}

export function describeCharacter(code: number): CharacterFinding | null {
  if (code === 0x0a || (code >= 0x20 && code <= 0x7e)) return null
  if (code < 0x20 || code === 0x7f) {
    const name = C0_NAMES[code] ?? ''
    return { kind: 'control', description: `control character ${name} (${hex(code)})`, hides: true }
  }
  if (code >= 0x80 && code <= 0x9f)
    return { kind: 'control', description: describeC1(code), hides: true }
  if (BIDI_CONTROLS[code])
    return {
      kind: 'bidi',
      description: `${BIDI_CONTROLS[code]} (${hex(code)}): reorders how the text is shown`,
      hides: true,
    }
  if (
    INVISIBLES[code] ||
    (code >= 0xe0000 && code <= 0xe007f) ||
    (code >= 0xfe00 && code <= 0xfe0f)
  )
    return {
      kind: 'invisible',
      description: `invisible ${INVISIBLES[code] ?? 'tag or variation selector'} (${hex(code)})`,
      hides: true,
    }
  if (ODD_SPACES[code])
    return {
      kind: 'odd-space',
      description: `${ODD_SPACES[code]} (${hex(code)}): looks like a space, is not one to the shell`,
      hides: true,
    }
  const char = String.fromCodePoint(code)
  if (LOOKALIKES[code])
    return {
      kind: 'lookalike',
      description: describeLookalike(char, code, LOOKALIKES[code]),
      hides: true,
    }
  if (code >= 0xd800 && code <= 0xdfff)
    return {
      kind: 'control',
      description: `lone surrogate (${hex(code)}): not valid text`,
      hides: true,
    }
  const compatible = char.normalize('NFKC')
  if (compatible !== char)
    return {
      kind: 'lookalike',
      description: describeLookalike(char, code, compatible),
      hides: true,
    }
  return { kind: 'non-ascii', description: `non-ASCII "${char}" (${hex(code)})`, hides: false }
}
