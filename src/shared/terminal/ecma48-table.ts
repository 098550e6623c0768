/**
 * The state machine xterm.js 6.0 parses terminal output with: its states, its actions and
 * its transition table, rebuilt rule by rule from `VT500_TRANSITION_TABLE` in
 * xterm.js's `src/common/parser/EscapeSequenceParser.ts` (MIT; itself after Paul Williams'
 * DEC ANSI parser, https://vt100.net/emu/dec_ansi_parser). Reading output the way the
 * terminal will is the point: a sequence this table says xterm ignores or aborts is one
 * xterm ignores or aborts, a C0 control inside a CSI is executed and the CSI goes on, and
 * the 8-bit C1 code points U+0080..U+009F introduce sequences exactly as they do there.
 */

export const State = {
  GROUND: 0,
  ESCAPE: 1,
  ESCAPE_INTERMEDIATE: 2,
  CSI_ENTRY: 3,
  CSI_PARAM: 4,
  CSI_INTERMEDIATE: 5,
  CSI_IGNORE: 6,
  SOS_PM_APC_STRING: 7,
  OSC_STRING: 8,
  DCS_ENTRY: 9,
  DCS_PARAM: 10,
  DCS_IGNORE: 11,
  DCS_INTERMEDIATE: 12,
  DCS_PASSTHROUGH: 13,
} as const

export const Action = {
  IGNORE: 0,
  ERROR: 1,
  PRINT: 2,
  EXECUTE: 3,
  OSC_START: 4,
  OSC_PUT: 5,
  OSC_END: 6,
  CSI_DISPATCH: 7,
  PARAM: 8,
  COLLECT: 9,
  ESC_DISPATCH: 10,
  CLEAR: 11,
  DCS_HOOK: 12,
  DCS_PUT: 13,
  DCS_UNHOOK: 14,
} as const

/** Every code point from U+00A0 up is looked up as this one (xterm's NON_ASCII_PRINTABLE). */
export const NON_ASCII = 0xa0
/** An entry is `action << ACTION_SHIFT | next state`, at `state << STATE_SHIFT | code`. */
export const ACTION_SHIFT = 4
export const STATE_MASK = 15
export const STATE_SHIFT = 8

const range = (start: number, end: number) =>
  Array.from({ length: end - start }, (_, i) => start + i)

function buildTable(): Uint8Array {
  const S = State
  const A = Action
  const table = new Uint8Array(4095)
  const add = (codes: number[], state: number, action: number, next: number) => {
    for (const code of codes) table[(state << STATE_SHIFT) | code] = (action << ACTION_SHIFT) | next
  }
  const PRINTABLES = range(0x20, 0x7f)
  const EXECUTABLES = [...range(0x00, 0x18), 0x19, ...range(0x1c, 0x20)]
  table.fill((A.ERROR << ACTION_SHIFT) | S.GROUND)
  add(PRINTABLES, S.GROUND, A.PRINT, S.GROUND)
  // Anywhere: CAN, SUB and most C1 controls execute and return to ground; ESC and the C1
  // introducers start a sequence, aborting whatever was in progress.
  for (const state of range(S.GROUND, S.DCS_PASSTHROUGH + 1)) {
    add([0x18, 0x1a, 0x99, 0x9a], state, A.EXECUTE, S.GROUND)
    add(range(0x80, 0x90), state, A.EXECUTE, S.GROUND)
    add(range(0x90, 0x98), state, A.EXECUTE, S.GROUND)
    add([0x9c], state, A.IGNORE, S.GROUND)
    add([0x1b], state, A.CLEAR, S.ESCAPE)
    add([0x9d], state, A.OSC_START, S.OSC_STRING)
    add([0x98, 0x9e, 0x9f], state, A.IGNORE, S.SOS_PM_APC_STRING)
    add([0x9b], state, A.CLEAR, S.CSI_ENTRY)
    add([0x90], state, A.CLEAR, S.DCS_ENTRY)
  }
  add(EXECUTABLES, S.GROUND, A.EXECUTE, S.GROUND)
  add(EXECUTABLES, S.ESCAPE, A.EXECUTE, S.ESCAPE)
  add([0x7f], S.ESCAPE, A.IGNORE, S.ESCAPE)
  add(EXECUTABLES, S.OSC_STRING, A.IGNORE, S.OSC_STRING)
  add(EXECUTABLES, S.CSI_ENTRY, A.EXECUTE, S.CSI_ENTRY)
  add([0x7f], S.CSI_ENTRY, A.IGNORE, S.CSI_ENTRY)
  add(EXECUTABLES, S.CSI_PARAM, A.EXECUTE, S.CSI_PARAM)
  add([0x7f], S.CSI_PARAM, A.IGNORE, S.CSI_PARAM)
  add(EXECUTABLES, S.CSI_IGNORE, A.EXECUTE, S.CSI_IGNORE)
  add(EXECUTABLES, S.CSI_INTERMEDIATE, A.EXECUTE, S.CSI_INTERMEDIATE)
  add([0x7f], S.CSI_INTERMEDIATE, A.IGNORE, S.CSI_INTERMEDIATE)
  add(EXECUTABLES, S.ESCAPE_INTERMEDIATE, A.EXECUTE, S.ESCAPE_INTERMEDIATE)
  add([0x7f], S.ESCAPE_INTERMEDIATE, A.IGNORE, S.ESCAPE_INTERMEDIATE)
  // OSC
  add([0x5d], S.ESCAPE, A.OSC_START, S.OSC_STRING)
  add(PRINTABLES, S.OSC_STRING, A.OSC_PUT, S.OSC_STRING)
  add([0x7f], S.OSC_STRING, A.OSC_PUT, S.OSC_STRING)
  add([0x9c, 0x1b, 0x18, 0x1a, 0x07], S.OSC_STRING, A.OSC_END, S.GROUND)
  add(range(0x1c, 0x20), S.OSC_STRING, A.IGNORE, S.OSC_STRING)
  // SOS, PM, APC: consumed, nothing done
  add([0x58, 0x5e, 0x5f], S.ESCAPE, A.IGNORE, S.SOS_PM_APC_STRING)
  add(PRINTABLES, S.SOS_PM_APC_STRING, A.IGNORE, S.SOS_PM_APC_STRING)
  add(EXECUTABLES, S.SOS_PM_APC_STRING, A.IGNORE, S.SOS_PM_APC_STRING)
  add([0x9c], S.SOS_PM_APC_STRING, A.IGNORE, S.GROUND)
  add([0x7f], S.SOS_PM_APC_STRING, A.IGNORE, S.SOS_PM_APC_STRING)
  // CSI
  add([0x5b], S.ESCAPE, A.CLEAR, S.CSI_ENTRY)
  add(range(0x40, 0x7f), S.CSI_ENTRY, A.CSI_DISPATCH, S.GROUND)
  add(range(0x30, 0x3c), S.CSI_ENTRY, A.PARAM, S.CSI_PARAM)
  add([0x3c, 0x3d, 0x3e, 0x3f], S.CSI_ENTRY, A.COLLECT, S.CSI_PARAM)
  add(range(0x30, 0x3c), S.CSI_PARAM, A.PARAM, S.CSI_PARAM)
  add(range(0x40, 0x7f), S.CSI_PARAM, A.CSI_DISPATCH, S.GROUND)
  add([0x3c, 0x3d, 0x3e, 0x3f], S.CSI_PARAM, A.IGNORE, S.CSI_IGNORE)
  add(range(0x20, 0x40), S.CSI_IGNORE, A.IGNORE, S.CSI_IGNORE)
  add([0x7f], S.CSI_IGNORE, A.IGNORE, S.CSI_IGNORE)
  add(range(0x40, 0x7f), S.CSI_IGNORE, A.IGNORE, S.GROUND)
  add(range(0x20, 0x30), S.CSI_ENTRY, A.COLLECT, S.CSI_INTERMEDIATE)
  add(range(0x20, 0x30), S.CSI_INTERMEDIATE, A.COLLECT, S.CSI_INTERMEDIATE)
  add(range(0x30, 0x40), S.CSI_INTERMEDIATE, A.IGNORE, S.CSI_IGNORE)
  add(range(0x40, 0x7f), S.CSI_INTERMEDIATE, A.CSI_DISPATCH, S.GROUND)
  add(range(0x20, 0x30), S.CSI_PARAM, A.COLLECT, S.CSI_INTERMEDIATE)
  // ESC with intermediates, and two-character escapes
  add(range(0x20, 0x30), S.ESCAPE, A.COLLECT, S.ESCAPE_INTERMEDIATE)
  add(range(0x20, 0x30), S.ESCAPE_INTERMEDIATE, A.COLLECT, S.ESCAPE_INTERMEDIATE)
  add(range(0x30, 0x7f), S.ESCAPE_INTERMEDIATE, A.ESC_DISPATCH, S.GROUND)
  add(range(0x30, 0x50), S.ESCAPE, A.ESC_DISPATCH, S.GROUND)
  add(range(0x51, 0x58), S.ESCAPE, A.ESC_DISPATCH, S.GROUND)
  add([0x59, 0x5a, 0x5c], S.ESCAPE, A.ESC_DISPATCH, S.GROUND)
  add(range(0x60, 0x7f), S.ESCAPE, A.ESC_DISPATCH, S.GROUND)
  // DCS
  add([0x50], S.ESCAPE, A.CLEAR, S.DCS_ENTRY)
  add(EXECUTABLES, S.DCS_ENTRY, A.IGNORE, S.DCS_ENTRY)
  add([0x7f], S.DCS_ENTRY, A.IGNORE, S.DCS_ENTRY)
  add(range(0x1c, 0x20), S.DCS_ENTRY, A.IGNORE, S.DCS_ENTRY)
  add(range(0x20, 0x30), S.DCS_ENTRY, A.COLLECT, S.DCS_INTERMEDIATE)
  add(range(0x30, 0x3c), S.DCS_ENTRY, A.PARAM, S.DCS_PARAM)
  add([0x3c, 0x3d, 0x3e, 0x3f], S.DCS_ENTRY, A.COLLECT, S.DCS_PARAM)
  add(EXECUTABLES, S.DCS_IGNORE, A.IGNORE, S.DCS_IGNORE)
  add(range(0x20, 0x80), S.DCS_IGNORE, A.IGNORE, S.DCS_IGNORE)
  add(range(0x1c, 0x20), S.DCS_IGNORE, A.IGNORE, S.DCS_IGNORE)
  add(EXECUTABLES, S.DCS_PARAM, A.IGNORE, S.DCS_PARAM)
  add([0x7f], S.DCS_PARAM, A.IGNORE, S.DCS_PARAM)
  add(range(0x1c, 0x20), S.DCS_PARAM, A.IGNORE, S.DCS_PARAM)
  add(range(0x30, 0x3c), S.DCS_PARAM, A.PARAM, S.DCS_PARAM)
  add([0x3c, 0x3d, 0x3e, 0x3f], S.DCS_PARAM, A.IGNORE, S.DCS_IGNORE)
  add(range(0x20, 0x30), S.DCS_PARAM, A.COLLECT, S.DCS_INTERMEDIATE)
  add(EXECUTABLES, S.DCS_INTERMEDIATE, A.IGNORE, S.DCS_INTERMEDIATE)
  add([0x7f], S.DCS_INTERMEDIATE, A.IGNORE, S.DCS_INTERMEDIATE)
  add(range(0x1c, 0x20), S.DCS_INTERMEDIATE, A.IGNORE, S.DCS_INTERMEDIATE)
  add(range(0x20, 0x30), S.DCS_INTERMEDIATE, A.COLLECT, S.DCS_INTERMEDIATE)
  add(range(0x30, 0x40), S.DCS_INTERMEDIATE, A.IGNORE, S.DCS_IGNORE)
  add(range(0x40, 0x7f), S.DCS_INTERMEDIATE, A.DCS_HOOK, S.DCS_PASSTHROUGH)
  add(range(0x40, 0x7f), S.DCS_PARAM, A.DCS_HOOK, S.DCS_PASSTHROUGH)
  add(range(0x40, 0x7f), S.DCS_ENTRY, A.DCS_HOOK, S.DCS_PASSTHROUGH)
  add(EXECUTABLES, S.DCS_PASSTHROUGH, A.DCS_PUT, S.DCS_PASSTHROUGH)
  add(PRINTABLES, S.DCS_PASSTHROUGH, A.DCS_PUT, S.DCS_PASSTHROUGH)
  add([0x7f], S.DCS_PASSTHROUGH, A.IGNORE, S.DCS_PASSTHROUGH)
  add([0x1b, 0x9c, 0x18, 0x1a], S.DCS_PASSTHROUGH, A.DCS_UNHOOK, S.GROUND)
  // Non-ASCII (U+00A0 and up): printed in ground, payload in strings; anywhere else an
  // error that drops the character and returns to ground (the table's default).
  add([NON_ASCII], S.GROUND, A.PRINT, S.GROUND)
  add([NON_ASCII], S.OSC_STRING, A.OSC_PUT, S.OSC_STRING)
  add([NON_ASCII], S.CSI_IGNORE, A.IGNORE, S.CSI_IGNORE)
  add([NON_ASCII], S.DCS_IGNORE, A.IGNORE, S.DCS_IGNORE)
  add([NON_ASCII], S.DCS_PASSTHROUGH, A.DCS_PUT, S.DCS_PASSTHROUGH)
  return table
}

export const TRANSITIONS: Uint8Array = buildTable()
