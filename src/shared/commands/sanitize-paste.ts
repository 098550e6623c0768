/**
 * Cleans pasted text before it reaches a proposal box or, in break-glass mode, a terminal.
 * Escape sequences (a clipboard holding `ESC[201~` would end a bracketed paste early and
 * run what follows), C0/C1 controls other than newline and tab, and bidi overrides are
 * removed; CRLF and CR become LF. Sequences are found with the terminal tokenizer, so a
 * sequence is removed whole however it is spelled (8-bit introducers, controls inside it).
 * What was removed is reported so the UI can say so.
 */
import { tokenize } from '../terminal/ecma48-tokens'

export interface SanitizedPaste {
  text: string
  removed: number
  lines: number
  /** Several lines paste several commands: the UI asks for confirmation. */
  needsConfirmation: boolean
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const KEPT_CONTROLS = new Set([0x09, 0x0a])

export function sanitizePaste(raw: string): SanitizedPaste {
  const normalized = raw.replace(/\r\n?/g, '\n')
  let text = ''
  for (const token of tokenize(normalized)) {
    if (token.type === 'text') text += normalized.slice(token.start, token.end).replace(BIDI, '')
    else if (token.type === 'control' && KEPT_CONTROLS.has(token.code))
      text += normalized.slice(token.start, token.end)
  }
  const removed = normalized.length - text.length
  const lines = text.replace(/\n$/, '').split('\n').length
  return { text, removed, lines, needsConfirmation: lines > 1 }
}
