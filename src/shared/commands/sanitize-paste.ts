/* eslint-disable no-control-regex -- finding and removing control characters is the point of this module */
/**
 * Cleans pasted text before it reaches a proposal box or, in break-glass mode, a terminal.
 * Escape sequences (a clipboard holding `ESC[201~` would end a bracketed paste early and
 * run what follows), C0/C1 controls other than newline and tab, and bidi overrides are
 * removed; CRLF and CR become LF. What was removed is reported so the UI can say so.
 */
export interface SanitizedPaste {
  text: string
  removed: number
  lines: number
  /** Several lines paste several commands: the UI asks for confirmation. */
  needsConfirmation: boolean
}

const ESCAPE_SEQUENCES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~])?/g
const UNWANTED =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

export function sanitizePaste(raw: string): SanitizedPaste {
  const normalized = raw.replace(/\r\n?/g, '\n')
  const withoutEscapes = normalized.replace(ESCAPE_SEQUENCES, '')
  const text = withoutEscapes.replace(UNWANTED, '')
  const removed = normalized.length - text.length
  const lines = text.replace(/\n$/, '').split('\n').length
  return { text, removed, lines, needsConfirmation: lines > 1 }
}
