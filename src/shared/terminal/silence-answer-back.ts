/**
 * The renderer's second, independent line of defence against answer-back: parser handlers
 * that swallow every sequence xterm.js would answer (or that would make it send input by
 * itself), whatever bytes reach the terminal, filtered or not. xterm.js runs the handlers
 * registered last first and stops at one returning true, so these come before its own.
 * Because they are matched on the parsed sequence, every spelling is covered: 7-bit or
 * 8-bit introducers, C0 controls inside, OSC idents with leading zeros.
 *
 * Typed structurally (the public `term.parser` API of @xterm/xterm and @xterm/headless 6),
 * so src/shared imports neither.
 */

interface Disposable {
  dispose(): void
}

interface FunctionIdentifier {
  prefix?: string
  intermediates?: string
  final: string
}

type Params = (number | number[])[]

export interface AnswerBackParser {
  registerCsiHandler(
    id: FunctionIdentifier,
    callback: (params: Params) => boolean | Promise<boolean>,
  ): Disposable
  registerDcsHandler(
    id: FunctionIdentifier,
    callback: (data: string, params: Params) => boolean | Promise<boolean>,
  ): Disposable
  registerEscHandler(id: FunctionIdentifier, handler: () => boolean | Promise<boolean>): Disposable
  registerOscHandler(
    ident: number,
    callback: (data: string) => boolean | Promise<boolean>,
  ): Disposable
}

export interface AnswerBackTerminal {
  readonly parser: AnswerBackParser
}

const swallow = () => true

/** CSIs that request a report: DA1/2/3, DSR and DEC DSR, DECRQM (ANSI and DEC), XTVERSION, kitty keyboard query, DECREQTPARM. */
const QUERY_CSIS: FunctionIdentifier[] = [
  { final: 'c' },
  { prefix: '>', final: 'c' },
  { prefix: '=', final: 'c' },
  { final: 'n' },
  { prefix: '?', final: 'n' },
  { intermediates: '$', final: 'p' },
  { prefix: '?', intermediates: '$', final: 'p' },
  { prefix: '>', final: 'q' },
  { prefix: '?', final: 'u' },
  { final: 'x' },
]

/** Window operations that report (state, position, sizes, titles); the others may run. */
const REPORTING_WINDOW_OPS = new Set([11, 13, 14, 15, 16, 18, 19, 20, 21])

/** DEC modes that make the terminal send input by itself: mouse tracking and focus events. */
const REPORTING_MODES = new Set([9, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1015, 1016])

/** OSC colour commands (palette, dynamic colours) answer a "?" with the colour. */
const COLOUR_OSCS = [4, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]
/** OSC 52, clipboard: never from the output (a query answers with the clipboard). */
const CLIPBOARD_OSC = 52

const mainParams = (params: Params) => params.filter((p): p is number => typeof p === 'number')

/** Registers the handlers; dispose the result to remove them. */
export function silenceAnswerBack(term: AnswerBackTerminal): Disposable {
  const { parser } = term
  const registered: Disposable[] = [
    ...QUERY_CSIS.map((id) => parser.registerCsiHandler(id, swallow)),
    parser.registerCsiHandler({ final: 't' }, (params) =>
      REPORTING_WINDOW_OPS.has(mainParams(params)[0] ?? 0),
    ),
    // A mode list naming any reporting mode is swallowed whole (the output filter upstream
    // rewrites such lists; here the rest of the list is lost, never the defence).
    parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) =>
      mainParams(params).some((mode) => REPORTING_MODES.has(mode)),
    ),
    parser.registerDcsHandler({ intermediates: '$', final: 'q' }, swallow), // DECRQSS
    parser.registerDcsHandler({ intermediates: '+', final: 'q' }, swallow), // XTGETTCAP
    ...COLOUR_OSCS.map((ident) => parser.registerOscHandler(ident, (data) => data.includes('?'))),
    parser.registerOscHandler(CLIPBOARD_OSC, swallow),
    parser.registerEscHandler({ final: 'Z' }, swallow), // DECID
  ]
  return { dispose: () => registered.forEach((d) => d.dispose()) }
}
