/**
 * One streaming ECMA-48 tokenizer for everything that reads terminal text (the output
 * filter, the command inspector, the paste sanitizer, output excerpts). It steps through
 * code points with xterm.js's own transition table (./ecma48-table.ts) and says, for each
 * one, whether it is printed, executed as a control, or part of an escape sequence, and
 * where each sequence starts and ends; it keeps its state between calls, so a sequence may
 * be split anywhere. Pure: no Node or DOM.
 */
import * as table from './ecma48-table'

// Module-local bindings: the hot loop must not go through an import binding per code point
// (CommonJS interop, as under tsx, turns each one into a getter call).
const { Action, State, TRANSITIONS, ACTION_SHIFT, NON_ASCII, STATE_MASK, STATE_SHIFT } = table

/** What one code point did (the result of `step`). */
export const Step = {
  /** Printed (in ground). */
  PRINT: 0,
  /** A control executed in ground (C0, or a C1 that does not introduce a sequence). */
  EXECUTE: 1,
  /** Ignored in ground (DEL, a stray ST). */
  IGNORE: 2,
  /** Starts a sequence (ESC or a C1 introducer) in ground. */
  START: 3,
  /** Part of the sequence in progress, which goes on (a C0 executed inside it included). */
  CONTINUE: 4,
  /** Ends the sequence in progress and belongs to it (a final byte, BEL, ST, CAN in a string, or a character xterm drops as an error). */
  FINISH: 5,
  /** The sequence in progress ended just before this code point, which is a control executed in ground. */
  BREAK_EXECUTE: 6,
  /** The sequence in progress ended just before this code point, which starts a new one. */
  BREAK_START: 7,
} as const

export const Kind = {
  NONE: 0,
  /** ESC followed by intermediates and a final (`ESC 7`, `ESC ( B`). */
  ESC: 1,
  CSI: 2,
  OSC: 3,
  DCS: 4,
  /** SOS, PM or APC: strings xterm consumes and ignores. */
  STRING: 5,
} as const

/** xterm.js's OSC parser states: the numeric ident, then the payload after ';'. */
export const OscState = { START: 0, ID: 1, PAYLOAD: 2, ABORT: 3 } as const

/** xterm.js keeps at most this many parameters; further ones are dropped (Params.maxLength). */
export const MAX_PARAMS = 32
/** A parameter is clamped to the positive int32 range, as xterm.js does. */
const MAX_PARAM_VALUE = 0x7fffffff
/** xterm.js identifies a sequence by at most a prefix and two intermediates; a longer collect can never match a known one. */
const MAX_COLLECT = 3

const KIND_OF_STATE: readonly number[] = [
  Kind.NONE, // GROUND
  Kind.ESC,
  Kind.ESC,
  Kind.CSI,
  Kind.CSI,
  Kind.CSI,
  Kind.CSI,
  Kind.STRING,
  Kind.OSC,
  Kind.DCS,
  Kind.DCS,
  Kind.DCS,
  Kind.DCS,
  Kind.DCS,
]

const isIntroducer = (code: number) =>
  code === 0x1b ||
  code === 0x9b ||
  code === 0x90 ||
  code === 0x9d ||
  code === 0x98 ||
  code === 0x9e ||
  code === 0x9f

/**
 * The parser state and what it knows about the sequence in progress (or the one that
 * just ended, after FINISH or BREAK_*). Fields are read by the consumers after `step`.
 */
export class Ecma48Tokenizer {
  state: number = State.GROUND
  /** Kind of the sequence in progress. */
  kind: number = Kind.NONE
  /** The code point that introduced it: ESC (7-bit) or a C1 control (8-bit). */
  intro = 0
  /** Prefix (`?`, `>`, …) and intermediates, as collected; `collectOverflow` once too long to match anything. */
  collect = ''
  collectOverflow = false
  /** Final character of a CSI, ESC or DCS (0 until seen). */
  final = 0
  /** Numeric parameters as xterm.js reads them (empty ones are 0; `01` is 1). */
  params: number[] = [0]
  /** A sub-parameter (`:`) was seen; more than MAX_PARAMS parameters were given. */
  subParams = false
  paramsOverflow = false
  /** OSC: parser state and numeric ident (-1 while none), as xterm.js reads them (`011` is 11). */
  oscState: number = OscState.START
  oscIdent = -1
  /** The code point just stepped is payload: OSC text after the ident, or DCS data. */
  payload = false
  /** After FINISH or BREAK_*: the kind of the sequence that ended and whether xterm acted on it. */
  endKind: number = Kind.NONE
  endDispatched = false
  endOscIdent = -1
  endOscState: number = OscState.START

  private digitIsSub = false

  reset(): void {
    this.state = State.GROUND
    this.kind = Kind.NONE
    this.clear()
  }

  /** Feeds one code point (U+FEFF excepted: xterm's decoders drop it before the parser). */
  step(code: number): number {
    const prev = this.state
    const transition = TRANSITIONS[(prev << STATE_SHIFT) | (code < NON_ASCII ? code : NON_ASCII)]!
    const next = transition & STATE_MASK
    this.payload = false
    switch (transition >> ACTION_SHIFT) {
      case Action.PRINT:
        return Step.PRINT
      case Action.EXECUTE:
        if (prev === State.GROUND) return Step.EXECUTE
        if (next !== State.GROUND) return Step.CONTINUE // C0 inside a sequence: executed, sequence goes on
        this.end(false)
        return Step.BREAK_EXECUTE
      case Action.ERROR:
        if (prev === State.GROUND) return Step.IGNORE
        this.end(false)
        return Step.FINISH
      case Action.IGNORE:
        if (prev === State.GROUND) {
          if (next === State.GROUND) return Step.IGNORE
          return this.begin(code, next)
        }
        if (next === State.GROUND) {
          this.end(prev === State.SOS_PM_APC_STRING && code === 0x9c)
          return Step.FINISH
        }
        if (isIntroducer(code)) {
          this.end(false)
          return this.begin(code, next, Step.BREAK_START)
        }
        this.enter(next)
        return Step.CONTINUE
      case Action.CLEAR:
      case Action.OSC_START:
        if (prev === State.GROUND) return this.begin(code, next)
        if (isIntroducer(code)) {
          this.end(false)
          return this.begin(code, next, Step.BREAK_START)
        }
        this.clear()
        this.enter(next)
        if (next === State.OSC_STRING) this.oscState = OscState.ID
        return Step.CONTINUE
      case Action.CSI_DISPATCH:
      case Action.ESC_DISPATCH:
        this.final = code
        this.end(true)
        return Step.FINISH
      case Action.PARAM:
        this.param(code)
        this.state = next
        return Step.CONTINUE
      case Action.COLLECT:
        if (this.collect.length < MAX_COLLECT) this.collect += String.fromCharCode(code)
        else this.collectOverflow = true
        this.enter(next)
        return Step.CONTINUE
      case Action.DCS_HOOK:
        this.final = code
        this.state = next
        return Step.CONTINUE
      case Action.DCS_PUT:
        this.payload = true
        return Step.CONTINUE
      case Action.OSC_PUT:
        this.oscPut(code)
        return Step.CONTINUE
      case Action.OSC_END:
      case Action.DCS_UNHOOK: {
        const success = code !== 0x18 && code !== 0x1a
        this.end(success && (prev !== State.OSC_STRING || this.oscState !== OscState.ABORT))
        if (code === 0x1b) return this.begin(code, State.ESCAPE, Step.BREAK_START)
        return Step.FINISH
      }
    }
    return Step.CONTINUE
  }

  private begin(code: number, next: number, result: number = Step.START): number {
    this.clear()
    this.intro = code
    this.enter(next)
    if (next === State.OSC_STRING) this.oscState = OscState.ID
    return result
  }

  private enter(next: number): void {
    this.state = next
    this.kind = KIND_OF_STATE[next]!
  }

  private end(dispatched: boolean): void {
    this.endKind = this.kind
    this.endDispatched = dispatched
    this.endOscIdent = this.oscIdent
    this.endOscState = this.oscState
    this.state = State.GROUND
    this.kind = Kind.NONE
  }

  private clear(): void {
    this.collect = ''
    this.collectOverflow = false
    this.final = 0
    this.params = [0]
    this.subParams = false
    this.paramsOverflow = false
    this.digitIsSub = false
    this.oscState = OscState.START
    this.oscIdent = -1
  }

  /** Digits, ';' and ':' the way xterm.js's Params stores them. */
  private param(code: number): void {
    if (code === 0x3b) {
      this.digitIsSub = false
      if (this.params.length >= MAX_PARAMS) this.paramsOverflow = true
      else this.params.push(0)
    } else if (code === 0x3a) {
      this.digitIsSub = true
      this.subParams = true
    } else if (!this.digitIsSub && !this.paramsOverflow) {
      const last = this.params.length - 1
      this.params[last] = Math.min(this.params[last]! * 10 + code - 0x30, MAX_PARAM_VALUE)
    }
  }

  /** xterm.js's OscParser.put: digits up to ';' are the ident, anything else aborts. */
  private oscPut(code: number): void {
    if (this.oscState === OscState.PAYLOAD) {
      this.payload = true
    } else if (this.oscState === OscState.ID) {
      if (code === 0x3b) this.oscState = OscState.PAYLOAD
      else if (code < 0x30 || code > 0x39) this.oscState = OscState.ABORT
      else this.oscIdent = (this.oscIdent === -1 ? 0 : this.oscIdent * 10) + code - 0x30
    }
  }
}
