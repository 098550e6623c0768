/* eslint-disable no-control-regex -- removing terminal control sequences is the point here */
/**
 * A command's output as the record keeps it: escape sequences and control characters
 * removed, carriage-return overwrites resolved to what was left on the line, and bounded
 * (the head and the tail are kept, the middle is counted and dropped).
 */

/** CSI, OSC (BEL or ST terminated), DCS/SOS/PM/APC strings, and two-byte escapes. */
const ANSI =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[PX^_][^\u001b]*\u001b\\|[@-Z\\-_]|[ -/]*[0-~])/g
const OTHER_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

export function stripAnsi(text: string): string {
  const plain = text.replace(ANSI, '').replace(OTHER_CONTROLS, '')
  // "progress 10%\rprogress 20%" shows only its last state on a terminal.
  return plain
    .split('\n')
    .map((line) => {
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line
      const cut = trimmed.lastIndexOf('\r')
      return cut >= 0 ? trimmed.slice(cut + 1) : trimmed
    })
    .join('\n')
}

export const EXCERPT_HEAD_CHARS = 4_000
export const EXCERPT_TAIL_CHARS = 12_000

export interface OutputExcerpt {
  push(chunk: string): void
  /** Plain, bounded text and how much output there was in all. */
  finish(): { output: string; outputChars: number; truncated: boolean }
}

/** Collects raw output with bounded memory, however much a command prints. */
export function createOutputExcerpt(
  headChars = EXCERPT_HEAD_CHARS,
  tailChars = EXCERPT_TAIL_CHARS,
): OutputExcerpt {
  let head = ''
  let tail = ''
  let total = 0
  return {
    push(chunk) {
      total += chunk.length
      if (head.length < headChars) {
        const room = headChars - head.length
        head += chunk.slice(0, room)
        chunk = chunk.slice(room)
      }
      if (!chunk) return
      tail = (tail + chunk).slice(-tailChars)
    },
    finish() {
      const truncated = total > headChars + tailChars
      const omitted = total - head.length - tail.length
      const output = truncated
        ? `${stripAnsi(head)}\n… ${omitted} characters of output omitted …\n${stripAnsi(tail)}`
        : stripAnsi(head + tail)
      // Trailing blank space (zsh's end-of-line marker padding, a final newline) says nothing.
      return { output: output.replace(/\s+$/, ''), outputChars: total, truncated }
    },
  }
}
