/* eslint-disable no-control-regex -- terminal escape sequences are what this module reads */
import { parseMark, type ShellMark } from './shell-marks'

/**
 * Sits between the pty and everything else. It takes out
 * - the shell integration's marks (OSC 133, OSC 6973), handing them to `onMark`;
 * - OSC 52, which would let output write the viewer's clipboard;
 * - requests that make a terminal answer into the shell's input (device attributes,
 *   status and cursor reports, mode/setting/capability queries, colour queries), so
 *   output (a `cat` of a hostile log) can never type into the shell.
 * Everything else passes untouched. A sequence split across chunks is held back until
 * its end arrives (bounded: a runaway one is passed on as is).
 */
const MAX_HELD_CHARS = 65_536
const CSI = /\u001b\[([0-?]*)([ -/]*)([@-~])/y
const CSI_INCOMPLETE = /\u001b\[[0-?]*[ -/]*$/y
/** Window reports (CSI 11/13/14/15/16/18/19/20/21 t) answer back; the others do not. */
const REPORTING_WINDOW_OPS = new Set(['11', '13', '14', '15', '16', '18', '19', '20', '21'])
/** OSC colour queries: 4 (palette), 10-19 (dynamic colours) with a "?". */
const COLOUR_QUERY = /^(4|1[0-9])(;|$)/

function answersBack(params: string, intermediates: string, final: string): boolean {
  if (final === 'c') return true // DA1/DA2/DA3
  if (final === 'n') return true // DSR: status and cursor position reports
  if (final === 'p' && intermediates === '$') return true // DECRQM
  if (final === 'q' && params.startsWith('>')) return true // XTVERSION
  if (final === 'u' && params.startsWith('?')) return true // keyboard protocol query
  if (final === 't') return REPORTING_WINDOW_OPS.has(params.split(';')[0] ?? '')
  return false
}

export interface OutputFilter {
  /** Hands what may be shown to `onText` and the marks to `onMark`, in stream order. */
  filter(chunk: string): void
}

export interface OutputSinks {
  onText(text: string): void
  onMark(mark: ShellMark): void
}

export function createOutputFilter(sinks: OutputSinks): OutputFilter {
  let held = ''
  const emit = (text: string) => {
    if (text) sinks.onText(text)
  }

  const findStringEnd = (text: string, from: number, belEnds: boolean) => {
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code === 0x07 && belEnds) return { bodyEnd: i, end: i + 1 }
      if (code === 0x1b) {
        if (i + 1 >= text.length) return null
        if (text[i + 1] === '\\') return { bodyEnd: i, end: i + 2 }
        return { bodyEnd: i, end: i } // interrupted by another sequence: ends here
      }
    }
    return null
  }

  return {
    filter(chunk) {
      const text = held + chunk
      held = ''
      let at = text.indexOf('\u001b')
      if (at < 0) return emit(text)
      let out = ''
      let copied = 0
      const hold = (from: number) => {
        emit(out + text.slice(copied, from))
        held = text.slice(from)
      }
      while (at >= 0) {
        const next = text[at + 1]
        if (next === undefined) return hold(at)
        let end = at + 1
        let drop = false
        if (next === ']' || next === 'P') {
          const found = findStringEnd(text, at + 2, next === ']')
          if (!found) {
            if (text.length - at <= MAX_HELD_CHARS) return hold(at)
            at = text.indexOf('\u001b', at + 1)
            continue
          }
          const body = text.slice(at + 2, found.bodyEnd)
          end = found.end
          if (next === ']') {
            const mark =
              body.startsWith('133;') || body.startsWith('6973;') ? parseMark(body) : null
            if (mark) {
              // Output before the mark belongs to what came before it (the previous command).
              emit(out + text.slice(copied, at))
              out = ''
              copied = at
              sinks.onMark(mark)
            }
            drop =
              mark !== null ||
              body.startsWith('133;') ||
              body.startsWith('6973;') ||
              body.startsWith('52;') ||
              (COLOUR_QUERY.test(body) && body.includes('?'))
          } else {
            drop = body.startsWith('$q') || body.startsWith('+q') // DECRQSS, XTGETTCAP
          }
        } else if (next === '[') {
          CSI.lastIndex = at
          const match = CSI.exec(text)
          if (!match) {
            CSI_INCOMPLETE.lastIndex = at
            if (CSI_INCOMPLETE.test(text)) return hold(at)
          } else {
            end = at + match[0].length
            drop = answersBack(match[1]!, match[2]!, match[3]!)
          }
        } else if (next === 'Z') {
          end = at + 2
          drop = true // DECID: identify terminal
        }
        if (drop) {
          out += text.slice(copied, at)
          copied = end
        }
        at = text.indexOf('\u001b', Math.max(end, at + 1))
      }
      emit(out + text.slice(copied))
    },
  }
}
