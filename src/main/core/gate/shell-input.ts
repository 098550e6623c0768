/* eslint-disable no-control-regex -- Ctrl-C (U+0003) is a control character */

export interface ScreenedInput {
  /** What may be written to the pty. */
  pass: string
  /** What was held back (null when everything passed). */
  refused: string | null
  reason: string | null
}

/**
 * Keystrokes typed into the terminal view. Nothing but Ctrl-C reaches the shell unless an
 * approved command holds the terminal's foreground (keys answer its prompt) or break-glass
 * is on. At the prompt a command goes through a proposal.
 */
export function screenKeystrokes(
  data: string,
  state: { direct: boolean; keysPass: boolean; reason: string },
): ScreenedInput {
  if (state.direct || state.keysPass) return { pass: data, refused: null, reason: null }
  const interrupts = data.replace(/[^\u0003]/g, '')
  const refused = data.replace(/\u0003/g, '')
  return {
    pass: interrupts,
    refused: refused || null,
    reason: refused ? state.reason : null,
  }
}

/**
 * The key our shell integration binds to "kill the whole line" (bash readline and zsh ZLE,
 * emacs and vi keymaps): sent before an approved command so that nothing left on the line
 * can change what runs.
 */
export const CLEAR_LINE_KEY = '\u001b[6973~'
/** Without our integration: Ctrl-U (discard the line) in every common line editor. */
export const PLAIN_CLEAR_LINE_KEY = '\u0015'

/**
 * The bytes the gate writes for an approved command: clear the line, its text, then Enter.
 * With our integration the text always goes in one bracketed paste (the integration binds
 * the paste keys at every prompt): readline and ZLE insert pasted text as it is, so no key
 * binding or macro an earlier command set up can change it, and several lines arrive as
 * one input. Without it, a paste when the shell asked for one, else the lines as typed. The
 * text holds no ESC (an escape finding blocks approval), so it cannot end the paste early.
 */
export function encodeForShell(text: string, paste: boolean, clearLine: string): string {
  const body = text.replace(/\r?\n$/, '')
  if (paste) return `${clearLine}\u001b[200~${body}\u001b[201~\r`
  return `${clearLine}${body.replace(/\r?\n/g, '\r')}\r`
}
