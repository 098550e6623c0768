/* eslint-disable no-control-regex -- interim: replaced by src/shared/terminal/output-filter.ts */
import { StringDecoder } from 'node:string_decoder'

export interface OutputFilterSinks {
  onVisible(bytes: Uint8Array): void
  onMark(ident: number, body: string): void
  onBracketedPaste?(on: boolean): void
}
export interface OutputFilter {
  push(chunk: Uint8Array): void
}

const MAX_HELD_CHARS = 65_536
const CSI = /\u001b\[([0-?]*)([ -/]*)([@-~])/y
const CSI_INCOMPLETE = /\u001b\[[0-?]*[ -/]*$/y

function answersBack(params: string, intermediates: string, final: string): boolean {
  if (final === 'c' || final === 'n') return true
  if (final === 'p' && intermediates === '$') return true
  if (final === 'q' && params.startsWith('>')) return true
  if (final === 'u' && params.startsWith('?')) return true
  return final === 't'
}

/** Interim string-based filter with the byte interface (until the tokenizer lands). */
export function createOutputFilter(sinks: OutputFilterSinks): OutputFilter {
  const decoder = new StringDecoder('utf8')
  let held = ''
  const emit = (text: string) => {
    if (!text) return
    if (text.includes('\u001b[?2004')) {
      const on = text.lastIndexOf('\u001b[?2004h')
      const off = text.lastIndexOf('\u001b[?2004l')
      sinks.onBracketedPaste?.(on > off)
    }
    sinks.onVisible(Buffer.from(text, 'utf8'))
  }
  const findStringEnd = (text: string, from: number) => {
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code === 0x07) return { bodyEnd: i, end: i + 1 }
      if (code === 0x1b) {
        if (i + 1 >= text.length) return null
        if (text[i + 1] === '\\') return { bodyEnd: i, end: i + 2 }
        return { bodyEnd: i, end: i }
      }
    }
    return null
  }
  return {
    push(chunk) {
      const text = held + decoder.write(Buffer.from(chunk))
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
          const found = findStringEnd(text, at + 2)
          if (!found) {
            if (text.length - at <= MAX_HELD_CHARS) return hold(at)
            at = text.indexOf('\u001b', at + 1)
            continue
          }
          const body = text.slice(at + 2, found.bodyEnd)
          end = found.end
          drop = true
          if (next === ']') {
            const m = /^(\d+);/.exec(body)
            const ident = m ? Number(m[1]) : -1
            if (ident === 133 || ident === 633 || ident === 6973) {
              emit(out + text.slice(copied, at))
              out = ''
              copied = at
              sinks.onMark(ident, body.slice(m![0].length))
            } else drop = !(ident === 0 || ident === 2)
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
          drop = true
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
