/**
 * The byte-level output filter between the pty and everything else (the host's hot path).
 * It reads the output with the ECMA-48 tokenizer, code point by code point as xterm.js
 * will, and lets through only
 * - printable text and C0 controls outside sequences, as they came (zero-copy runs);
 * - the 7-bit CSI and ESC sequences on the allow-list (./sequence-policy.ts), none of
 *   which makes the terminal answer;
 * and hands the shell-integration marks (OSC 133, 633, 6973) to `onMark`. Everything else
 * is dropped: other sequences, 8-bit C1 controls, and bytes that are not UTF-8 (xterm.js
 * skips them too; dropping them here means removing a sequence can never join two of them
 * into a character, a C1 control say). Output never ends inside a UTF-8 character or a
 * sequence: an incomplete tail is held until the next push, bounded.
 */
import * as ecma48 from './ecma48'
import * as table from './ecma48-table'
import { scanGround, wordsOf } from './ground-scan'
import { MarkReader } from './mark-reader'
import type { OutputFilter, OutputFilterSinks } from './output-filter-types'
import * as policy from './sequence-policy'
import { stringRunEnd } from './string-scan'
import { continueUtf8, type Utf8Progress } from './utf8-step'

// Module-local bindings for the hot loop (see ./ecma48.ts).
const { Ecma48Tokenizer, Kind, OscState, Step } = ecma48
const { decideCsi, decideEsc, Verdict, SIMPLE_CSI_FINALS } = policy
const { State } = table
export type { OutputFilter, OutputFilterSinks } from './output-filter-types'
export { MARK_IDENTS, MAX_MARK_BODY_CHARS } from './mark-reader'
/** An allowed sequence longer than this (in bytes) is dropped, so holding one back is bounded; real ones are under 100. */
export const MAX_SEQUENCE_BYTES = 1_024

const EMPTY = new Uint8Array(0)

class ByteOutputFilter implements OutputFilter {
  private readonly tok: ecma48.Ecma48Tokenizer = new Ecma48Tokenizer()
  // UTF-8 decoding, as xterm.js's Utf8ToUtf32 does it: continuation bytes still expected,
  // the code point so far, the character's length, and its bytes from earlier chunks.
  private readonly utf8: Utf8Progress = { need: 0, cp: 0, len: 0 }
  private readonly carry = new Uint8Array(4)
  private carryLen = 0
  // The sequence in progress: whether it may still pass, and its bytes from earlier chunks.
  private passable = false
  private readonly held = new Uint8Array(MAX_SEQUENCE_BYTES)
  private heldLen = 0
  private readonly marks = new MarkReader()
  // Per push: the chunk, where the visible run and the sequence in progress start in it.
  private chunk: Uint8Array = EMPTY
  private run = 0
  private seqStart = -1

  constructor(private readonly sinks: OutputFilterSinks) {}

  push(chunk: Uint8Array): void {
    const n = chunk.length
    this.chunk = chunk
    this.run = 0
    this.seqStart = -1
    const tok = this.tok
    const words = wordsOf(chunk)
    let i = 0
    while (i < n) {
      let start = i
      let code: number
      if (this.utf8.need === 0) {
        if (tok.state === 0) {
          i = scanGround(chunk, i, n, words)
          if (i >= n) break
          start = i
        }
        let b = chunk[i]!
        if (b === 0x1b && tok.state === 0 && chunk[i + 1] === 0x5b) {
          // Fast path for the CSIs programs print most (SGR, cursor, erase): ESC [ params
          // final, all here, with a final that passes whatever the params. Exact: the
          // tokenizer would dispatch it and return to ground.
          let j = i + 2
          while (j < n && (b = chunk[j]!) >= 0x30 && b <= 0x3b) j++
          if (j < n && b < 0x80 && SIMPLE_CSI_FINALS[b] && j - i < MAX_SEQUENCE_BYTES) {
            i = j + 1
            continue
          }
          b = 0x1b
        }
        if (b < 0x80 && tok.state >= State.SOS_PM_APC_STRING && b !== 0x1b) {
          const skipped = this.skipString(i)
          if (skipped > i) {
            i = skipped
            continue
          }
        }
        i++
        if (b < 0x80) {
          code = b
        } else {
          if ((b & 0xe0) === 0xc0) this.startChar(b & 0x1f, 1)
          else if ((b & 0xf0) === 0xe0) this.startChar(b & 0x0f, 2)
          else if ((b & 0xf8) === 0xf0) this.startChar(b & 0x07, 3)
          else {
            this.invalid(start, i) // a continuation byte or 0xF8..0xFF on its own: skipped
            continue
          }
          i = continueUtf8(this.utf8, this.chunk, i)
          if (this.utf8.need > 0) break // incomplete at the end of the chunk
          code = this.utf8.cp
          if (code < 0) {
            this.invalid(start, i)
            continue
          }
        }
      } else {
        // A character begun in an earlier chunk.
        start = -1
        i = continueUtf8(this.utf8, this.chunk, i)
        if (this.utf8.need > 0) break
        code = this.utf8.cp
        if (code < 0) {
          this.invalid(-1, i)
          continue
        }
      }
      this.code(code, start, i)
    }
    this.endChunk(n)
    this.chunk = EMPTY
  }

  /**
   * Inside a string (OSC payload, DCS data, SOS/PM/APC), skips the ASCII bytes that leave
   * the parser's state as it is (everything but BEL, CAN, SUB and ESC), collecting them
   * into a mark's body when reading one. Returns where it stopped.
   */
  private skipString(i: number): number {
    const chunk = this.chunk
    const n = chunk.length
    const state = this.tok.state
    if (state === State.OSC_STRING) {
      const oscState = this.tok.oscState
      if (
        oscState === OscState.ABORT ||
        (oscState === OscState.PAYLOAD && !this.marks.collecting)
      ) {
        i = stringRunEnd(chunk, i, n, true)
      } else if (oscState === OscState.PAYLOAD) {
        i = this.marks.readAscii(chunk, i, n)
      }
    } else if (
      state === State.SOS_PM_APC_STRING ||
      state === State.DCS_PASSTHROUGH ||
      state === State.DCS_IGNORE
    ) {
      i = stringRunEnd(chunk, i, n, false)
    }
    return i
  }

  private startChar(bits: number, need: number): void {
    this.utf8.cp = bits
    this.utf8.need = need
    this.utf8.len = need + 1
    this.carryLen = 0
  }

  /** Bytes xterm.js would skip: dropped (and a sequence containing them never passes). */
  private invalid(start: number, end: number): void {
    if (this.tok.state !== 0) {
      this.passable = false
      return
    }
    this.flush(start < 0 ? 0 : start)
    this.run = end
  }

  /** One decoded code point; its bytes are chunk[start, end) (start -1: begun in an earlier chunk). */
  private code(code: number, start: number, end: number): void {
    const tok = this.tok
    if (tok.state === 0 && code >= 0xa0) {
      if (start < 0) this.emitJoined(this.carry, this.carryLen, end)
      return
    }
    if (tok.state !== 0 && code >= 0x80) this.passable = false
    const step = tok.step(code)
    switch (step) {
      case Step.PRINT:
      case Step.EXECUTE:
      case Step.IGNORE:
        if (code >= 0x80) this.invalid(start, end) // 8-bit C1 control: never shown
        return
      case Step.START:
        this.beginSequence(code, start)
        return
      case Step.CONTINUE:
        if (tok.kind === Kind.OSC) this.marks.code(tok, code)
        return
      case Step.FINISH:
        this.endSequence(end)
        return
      case Step.BREAK_EXECUTE:
        this.endSequence(start < 0 ? 0 : start)
        if (code >= 0x80) this.run = end
        return
      case Step.BREAK_START:
        this.endSequence(start < 0 ? 0 : start)
        this.beginSequence(code, start)
        return
    }
  }

  private beginSequence(intro: number, start: number): void {
    this.seqStart = start
    this.passable = intro === 0x1b
    this.heldLen = 0
    this.marks.reset()
  }

  /** The sequence in progress ended before chunk[end]: pass it, rewrite it or drop it. */
  private endSequence(end: number): void {
    const tok = this.tok
    const from = this.seqStart < 0 ? 0 : this.seqStart
    let decision: policy.Decision | null = null
    const length = this.heldLen + end - from
    if (this.passable && tok.endDispatched && length <= MAX_SEQUENCE_BYTES) {
      if (tok.endKind === Kind.CSI) decision = decideCsi(tok)
      else if (tok.endKind === Kind.ESC) decision = decideEsc(tok)
    }
    const verdict = decision?.verdict ?? Verdict.DROP
    if (verdict === Verdict.PASS && this.seqStart >= 0) {
      // Contiguous with the visible run: it just goes on.
    } else {
      this.flush(from)
      if (verdict === Verdict.PASS) this.emitJoined(this.held, this.heldLen, end)
      else if (verdict === Verdict.REWRITE) this.sinks.onVisible(ascii(decision!.rewritten!))
      this.run = end
    }
    if (tok.endKind === Kind.OSC) {
      const mark = this.marks.take(tok)
      if (mark) this.sinks.onMark(mark.ident, mark.body)
    }
    if (decision?.bracketedPaste !== undefined && this.sinks.onBracketedPaste) {
      this.flush(end)
      this.run = end
      this.sinks.onBracketedPaste(decision.bracketedPaste)
    }
    this.heldLen = 0
    this.passable = false
    this.seqStart = -1
  }

  private endChunk(n: number): void {
    let tail = n
    if (this.utf8.need > 0) {
      // Keep an incomplete character's bytes for the next chunk.
      const from = n - (this.utf8.len - this.utf8.need - this.carryLen)
      const kept = this.chunk.subarray(from, n)
      this.carry.set(kept, this.carryLen)
      this.carryLen += kept.length
      tail = from
    }
    if (this.tok.state === 0) {
      this.flush(tail)
      return
    }
    const from = this.seqStart < 0 ? 0 : this.seqStart
    this.flush(from)
    if (this.passable) {
      const part = this.chunk.subarray(from, tail)
      if (this.heldLen + part.length > MAX_SEQUENCE_BYTES) {
        this.passable = false // too long for any allowed sequence
        this.heldLen = 0
      } else {
        this.held.set(part, this.heldLen)
        this.heldLen += part.length
      }
    }
  }

  /** Shows the visible run up to chunk[end]. */
  private flush(end: number): void {
    if (end > this.run) {
      this.sinks.onVisible(this.chunk.subarray(this.run, end))
      this.run = end
    }
  }

  /** Shows bytes held from earlier chunks followed by chunk[0, end). */
  private emitJoined(before: Uint8Array, length: number, end: number): void {
    const out = new Uint8Array(length + end)
    out.set(before.subarray(0, length))
    out.set(this.chunk.subarray(0, end), length)
    this.sinks.onVisible(out)
    this.run = end
    this.carryLen = 0
  }
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0))
}

export function createOutputFilter(sinks: OutputFilterSinks): OutputFilter {
  return new ByteOutputFilter(sinks)
}
