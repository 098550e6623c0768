/**
 * Which escape sequences may reach the terminal: an allow-list of sequences known to
 * change only what is shown (or how keys are encoded), none of which makes xterm.js 6
 * answer. Everything else (device status and attribute requests, mode and setting
 * queries, window reports, colour and clipboard OSCs, every DCS, SOS, PM and APC, mouse
 * and focus reporting, and anything unknown) is dropped. Only 7-bit (ESC-introduced) CSI
 * and ESC sequences are ever considered; the caller drops everything else.
 */

export const Verdict = {
  DROP: 0,
  PASS: 1,
  /** Pass a rewritten sequence: a mode set or reset with its reporting modes taken out. */
  REWRITE: 2,
} as const

/** DEC private modes that may be set: none reports anything (SGR and alt-screen programs need them). */
const DECSET_ALLOWED = new Set([
  1, // DECCKM application cursor keys
  2, // DECANM (xterm.js: reset charsets)
  3, // DECCOLM 132 columns
  6, // DECOM origin mode
  7, // DECAWM auto-wrap
  12, // blinking cursor
  25, // DECTCEM show cursor
  45, // reverse wrap-around
  47, // alternate screen
  66, // DECNKM application keypad
  1047, // alternate screen
  1048, // save cursor
  1049, // alternate screen with saved cursor
  2004, // bracketed paste
  2026, // synchronized output
])
/** Modes that make the terminal send input by itself (mouse tracking, focus events): may be reset, never set. */
const REPORTING_MODES = [9, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1015, 1016]
const DECRST_ALLOWED = new Set([...DECSET_ALLOWED, ...REPORTING_MODES])
/** ANSI modes: IRM (insert) and LNM (new line). */
const ANSI_MODES = new Set([4, 20])

/**
 * Counts above this are dropped for the CSIs xterm.js runs as a loop once per count
 * (scroll, insert or delete lines, tabs, repeat): no screen needs more, and a count of
 * 2^31 would stall the renderer for minutes.
 */
export const MAX_REPEAT_COUNT = 4096
const REPEATING_FINALS = new Set(['S', 'T', 'L', 'M', 'I', 'Z', 'b'])

/** CSI identities (prefix and intermediates, then final) that pass as they are. */
const CSI_ALLOWED = new Set([
  ...'@ABCDEFGHIJKLMPSTXZ`abdefgmrsu',
  '?J', // DECSED
  '?K', // DECSEL
  ' @', // SL
  ' A', // SR
  ' q', // DECSCUSR cursor style
  "'}", // DECIC
  "'~", // DECDC
  '"q', // DECSCA
  '!p', // DECSTR soft reset
])

/**
 * Finals of a CSI without prefix or intermediates that pass whatever their parameters:
 * the filter's fast path lets `ESC [ <digits ; :> final` through without the tokenizer.
 */
export const SIMPLE_CSI_FINALS: Uint8Array = (() => {
  const finals = new Uint8Array(128)
  for (const id of CSI_ALLOWED)
    if (id.length === 1 && !REPEATING_FINALS.has(id)) finals[id.charCodeAt(0)] = 1
  return finals
})()

/** Charsets xterm.js designates (its CHARSETS table), for ESC ( ) * + - . / x. */
const CHARSET_FINALS = new Set([...'0AB4C5RQKYE6ZH7='])
const ESC_ALLOWED = new Set([...'78DEHM=>cno|}~', '%@', '%G', '#8'])

export interface SequenceFacts {
  /** Prefix and intermediates as collected, and whether more were given than any identity has. */
  collect: string
  collectOverflow: boolean
  /** The final character's code. */
  final: number
  params: readonly number[]
  subParams: boolean
  paramsOverflow: boolean
}

export interface Decision {
  verdict: number
  /** The sequence to write instead (REWRITE only). */
  rewritten?: string
  /** The sequence turns bracketed paste on (true) or off (false). */
  bracketedPaste?: boolean
}

const DROP: Decision = { verdict: Verdict.DROP }
const PASS: Decision = { verdict: Verdict.PASS }

export function decideEsc(seq: SequenceFacts): Decision {
  if (seq.collectOverflow) return DROP
  const final = String.fromCharCode(seq.final)
  const id = seq.collect + final
  if (ESC_ALLOWED.has(id)) return id === 'c' ? { ...PASS, bracketedPaste: false } : PASS
  if (seq.collect.length === 1 && '()*+-./'.includes(seq.collect) && CHARSET_FINALS.has(final))
    return PASS
  return DROP
}

export function decideCsi(seq: SequenceFacts): Decision {
  if (seq.collectOverflow) return DROP
  if (seq.collect === '' && seq.final < 128 && SIMPLE_CSI_FINALS[seq.final]) return PASS
  const final = String.fromCharCode(seq.final)
  const id = seq.collect + final
  if (final === 'h' || final === 'l') {
    if (seq.collect === '?') return decideModes(seq, final === 'h', true)
    if (seq.collect === '') return decideModes(seq, final === 'h', false)
    return DROP
  }
  if (!CSI_ALLOWED.has(id)) return DROP
  if (seq.collect === '' && REPEATING_FINALS.has(final) && seq.params[0]! > MAX_REPEAT_COUNT)
    return DROP
  return id === '!p' ? { ...PASS, bracketedPaste: false } : PASS
}

function decideModes(seq: SequenceFacts, set: boolean, dec: boolean): Decision {
  if (seq.subParams || seq.paramsOverflow) return DROP
  const allowed = dec ? (set ? DECSET_ALLOWED : DECRST_ALLOWED) : ANSI_MODES
  const kept = seq.params.filter((mode) => allowed.has(mode))
  if (kept.length === 0) return DROP
  const decision: Decision =
    kept.length === seq.params.length
      ? { verdict: Verdict.PASS }
      : {
          verdict: Verdict.REWRITE,
          rewritten: `\u001b[${dec ? '?' : ''}${kept.join(';')}${set ? 'h' : 'l'}`,
        }
  if (dec && kept.includes(2004)) decision.bracketedPaste = set
  return decision
}
