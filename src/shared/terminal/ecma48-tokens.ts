/**
 * Text-level view of the ECMA-48 tokenizer: splits a string (or a stream of strings) into
 * printed text, controls executed on their own, and escape sequences, with offsets in
 * UTF-16 code units. The inspector, the paste sanitizer and output excerpts read text
 * through this, so they agree with the output filter (and with xterm.js) on where every
 * sequence starts and ends.
 */
import * as ecma48 from './ecma48'

// Module-local bindings for the hot loop (see ./ecma48.ts).
const { Ecma48Tokenizer, Kind, Step } = ecma48

export type SequenceKind = 'esc' | 'csi' | 'osc' | 'dcs' | 'string'

export interface TextToken {
  type: 'text'
  start: number
  end: number
}

export interface ControlToken {
  type: 'control'
  start: number
  end: number
  /** C0, DEL or a C1 code point, executed (or ignored) by the terminal outside any sequence. */
  code: number
}

export interface SequenceToken {
  type: 'sequence'
  start: number
  end: number
  kind: SequenceKind
  /** Introduced by an 8-bit C1 code point (U+009B, U+009D, …) rather than by ESC. */
  eightBit: boolean
  /** The terminal acted on it (a final character, or a string terminator); false when aborted or cut off. */
  dispatched: boolean
}

export type Ecma48Token = TextToken | ControlToken | SequenceToken

const KIND_NAMES: Record<number, SequenceKind> = {
  [Kind.ESC]: 'esc',
  [Kind.CSI]: 'csi',
  [Kind.OSC]: 'osc',
  [Kind.DCS]: 'dcs',
  [Kind.STRING]: 'string',
}

/**
 * What ends the fast path through printed text in ground (see `push`): C0 controls not kept
 * as text, DEL, C1 (U+0080–U+009F) and U+FEFF. A regular expression finds it several times
 * faster than a loop over the code units (npm run bench -- terminal-throughput: the output
 * excerpt scans every byte a command prints). One per set of kept controls.
 */
const groundStops = new Map<number, RegExp>()
function groundStop(textControls: number): RegExp {
  let stop = groundStops.get(textControls)
  if (!stop) {
    let controls = ''
    for (let c = 0; c < 0x20; c++) {
      if (!((textControls >>> c) & 1)) controls += `\\x${c.toString(16).padStart(2, '0')}`
    }
    stop = new RegExp(`[${controls}\\x7f-\\x9f\\ufeff]`, 'g')
    groundStops.set(textControls, stop)
  }
  return stop
}

/**
 * Tokenizes a stream of strings. Text and control tokens lie within the text `push` was
 * last given (plus a high surrogate held back from the chunk before, see `source`);
 * a sequence token may start in an earlier chunk.
 */
export class TokenScanner {
  private readonly tok: ecma48.Ecma48Tokenizer = new Ecma48Tokenizer()
  /** Absolute offset of `source`'s first code unit. */
  sourceStart = 0
  /** The text the last push tokenized: the chunk, after a high surrogate held from the one before. */
  source = ''
  private textStart = -1
  private seqStart = -1
  private seqEightBit = false
  private held = ''

  /**
   * @param textControls C0 controls (as a bit mask: bit 0x0a for line feed) that are part
   *   of the text around them rather than tokens of their own, for readers that keep them
   *   as text anyway (output excerpts keep tab, line feed and carriage return).
   */
  constructor(private readonly textControls = 0) {}

  push(chunk: string): Ecma48Token[] {
    const tokens: Ecma48Token[] = []
    this.sourceStart += this.source.length
    this.source = this.held + chunk
    this.sourceStart -= this.held.length
    this.held = ''
    const text = this.source
    const base = this.sourceStart
    let end = text.length
    const last = text.charCodeAt(end - 1)
    if (last >= 0xd800 && last <= 0xdbff) {
      // xterm.js holds a high surrogate until its pair arrives; so do we.
      this.held = text.slice(end - 1)
      end--
    }
    const textControls = this.textControls
    const stop = groundStop(textControls)
    const tok = this.tok
    let i = 0
    while (i < end) {
      if (tok.state === 0 && this.seqStart < 0) {
        // Fast path through printed text in ground: what `step` would call PRINT (every
        // code unit from U+00A0 up, surrogate halves included, but U+FEFF), and the
        // controls kept as text. Exact: none of it changes the tokenizer's state.
        stop.lastIndex = i
        const found = stop.exec(text)
        const j = found && found.index < end ? found.index : end
        if (j > i) {
          if (this.textStart < 0) this.textStart = base + i
          i = j
          if (i >= end) break
        }
      }
      const code = text.codePointAt(i)!
      const width = code > 0xffff ? 2 : 1
      const at = base + i
      i += width
      if (code === 0xfeff) {
        // Dropped by xterm.js's decoder before its parser: part of whatever surrounds it.
        if (this.seqStart < 0 && this.textStart < 0) this.textStart = at
        continue
      }
      const step = tok.step(code)
      if (
        step === Step.PRINT ||
        (step === Step.EXECUTE && code < 0x20 && (textControls >>> code) & 1)
      ) {
        if (this.textStart < 0) this.textStart = at
        continue
      }
      this.flushText(tokens, at)
      switch (step) {
        case Step.EXECUTE:
        case Step.IGNORE:
          tokens.push({ type: 'control', start: at, end: at + width, code })
          break
        case Step.START:
          this.seqStart = at
          this.seqEightBit = code !== 0x1b
          break
        case Step.FINISH:
          this.endSequence(tokens, at + width)
          break
        case Step.BREAK_EXECUTE:
          this.endSequence(tokens, at)
          tokens.push({ type: 'control', start: at, end: at + width, code })
          break
        case Step.BREAK_START:
          this.endSequence(tokens, at)
          this.seqStart = at
          this.seqEightBit = code !== 0x1b
          break
      }
    }
    this.flushText(tokens, base + end)
    return tokens
  }

  /** Ends the stream: a sequence still open is returned as cut off (not dispatched). */
  end(): Ecma48Token[] {
    const tokens: Ecma48Token[] = []
    const end = this.sourceStart + this.source.length
    if (this.held) {
      // A lone high surrogate at the very end: xterm.js would print it once anything followed.
      if (this.seqStart < 0) tokens.push({ type: 'text', start: end - 1, end })
    }
    if (this.seqStart >= 0) {
      tokens.push({
        type: 'sequence',
        start: this.seqStart,
        end,
        kind: KIND_NAMES[this.tok.kind] ?? 'esc',
        eightBit: this.seqEightBit,
        dispatched: false,
      })
    }
    this.tok.reset()
    this.seqStart = -1
    this.held = ''
    return tokens
  }

  private flushText(tokens: Ecma48Token[], end: number): void {
    if (this.textStart >= 0 && end > this.textStart) {
      tokens.push({ type: 'text', start: this.textStart, end })
    }
    this.textStart = -1
  }

  private endSequence(tokens: Ecma48Token[], end: number): void {
    tokens.push({
      type: 'sequence',
      start: this.seqStart,
      end,
      kind: KIND_NAMES[this.tok.endKind] ?? 'esc',
      eightBit: this.seqEightBit,
      dispatched: this.tok.endDispatched,
    })
    this.seqStart = -1
  }
}

/** The tokens of a whole string, in order, covering every code unit of it. */
export function tokenize(text: string): Ecma48Token[] {
  const scanner = new TokenScanner()
  return [...scanner.push(text), ...scanner.end()]
}
