/* eslint-disable no-control-regex -- Ctrl-C (U+0003) is a control character */

export interface ScreenedInput {
  /** What may be written to the pty. */
  pass: string
  /** What was held back (null when everything passed). */
  refused: string | null
  reason: string | null
}

/**
 * Keystrokes typed into the terminal view. At the prompt nothing but Ctrl-C reaches the
 * shell (a command goes through a proposal); while a command runs, keys go to it; in
 * break-glass mode everything passes.
 */
export function screenKeystrokes(
  data: string,
  state: { direct: boolean; atPrompt: boolean },
): ScreenedInput {
  if (state.direct || !state.atPrompt) return { pass: data, refused: null, reason: null }
  const interrupts = data.replace(/[^\u0003]/g, '')
  const refused = data.replace(/\u0003/g, '')
  return {
    pass: interrupts,
    refused: refused || null,
    reason: refused
      ? 'the shell is at its prompt: commands are proposed and approved first (or use break-glass)'
      : null,
  }
}

/**
 * The bytes the gate writes for an approved command: its lines, as typed, then Enter.
 * Several lines go in one bracketed paste when the shell asked for it (the text holds no
 * ESC: an escape finding blocks approval), so the shell reads them as one input.
 */
export function encodeForShell(text: string, bracketedPaste: boolean): string {
  const body = text.replace(/\r?\n$/, '')
  if (body.includes('\n') && bracketedPaste) return `\u001b[200~${body}\u001b[201~\r`
  return `${body.replace(/\r?\n/g, '\r')}\r`
}
