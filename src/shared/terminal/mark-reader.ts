/**
 * Reads the shell-integration marks out of the OSC sequences the output filter drops:
 * once xterm.js's OSC parser has read the ident (digits up to ';', leading zeros and all),
 * a mark's payload is collected code point by code point (C0 controls are skipped, as
 * xterm.js skips them), bounded, and handed over when the OSC ends the way xterm.js
 * would act on it.
 */
import { stringRunEnd } from './string-scan'
import { OscState, type Ecma48Tokenizer } from './ecma48'

/** Marks the shell integration prints (FinalTerm/VS Code 133, VS Code 633, War Room 6973). */
export const MARK_IDENTS: ReadonlySet<number> = new Set([133, 633, 6973])
/** A mark body longer than this (in characters) is dropped: real marks are a few hundred. */
export const MAX_MARK_BODY_CHARS = 65_536

export class MarkReader {
  private checked = false
  private ident = -1
  private codes: number[] = []

  /** A new sequence begins. */
  reset(): void {
    this.checked = false
    this.ident = -1
    this.codes = []
  }

  /** The payload of a mark is being collected (an OSC whose ident is a mark's, past ';'). */
  get collecting(): boolean {
    return this.ident >= 0
  }

  /** A code point the tokenizer stepped inside an OSC. */
  code(tok: Ecma48Tokenizer, code: number): void {
    if (!this.checked && tok.oscState === OscState.PAYLOAD) {
      this.checked = true
      this.ident = MARK_IDENTS.has(tok.oscIdent) ? tok.oscIdent : -1
    } else if (tok.payload && this.ident >= 0) {
      this.add(code)
    }
  }

  /**
   * Collects payload bytes from chunk[i] up to BEL, CAN, SUB, ESC or a non-ASCII byte
   * (which the tokenizer must see); C0 controls are skipped. Returns where it stopped.
   */
  readAscii(chunk: Uint8Array, i: number, n: number): number {
    const end = stringRunEnd(chunk, i, n, true)
    for (let k = i; k < end; k++) if (chunk[k]! >= 0x20) this.add(chunk[k]!)
    return end
  }

  /** The OSC that just ended (as the tokenizer reports it): the mark, if it is one xterm.js would act on. */
  take(tok: Ecma48Tokenizer): { ident: number; body: string } | null {
    const ident = tok.endOscIdent
    const codes = this.codes
    const overflowed = tok.endOscState === OscState.PAYLOAD && this.ident !== ident
    this.reset()
    if (!tok.endDispatched || !MARK_IDENTS.has(ident) || overflowed) return null
    let body = ''
    for (let at = 0; at < codes.length; at += 8_192)
      body += String.fromCodePoint(...codes.slice(at, at + 8_192))
    return { ident, body }
  }

  private add(code: number): void {
    if (this.codes.length < MAX_MARK_BODY_CHARS) this.codes.push(code)
    else this.ident = -1 // too long to be a mark: dropped
  }
}
