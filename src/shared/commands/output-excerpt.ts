/**
 * A command's output as the record keeps it: escape sequences and control characters
 * removed (found with the terminal tokenizer, as the terminal saw them, even when split
 * across chunks), carriage-return overwrites resolved to what was left on the line, and
 * bounded (the head and the tail are kept, the middle is counted and dropped).
 */
import { TokenScanner, type Ecma48Token } from '../terminal/ecma48-tokens'

/**
 * Tab, line feed and carriage return stay, as part of the text (the last is resolved per
 * line); other controls go.
 */
const KEPT_CONTROLS = (1 << 0x09) | (1 << 0x0a) | (1 << 0x0d)

/** The text (kept controls included) of tokens from a scanner's last `source`. */
function plainOf(tokens: Ecma48Token[], source: string, sourceStart: number): string {
  let plain = ''
  for (const token of tokens) {
    if (token.type === 'text')
      plain += source.slice(token.start - sourceStart, token.end - sourceStart)
  }
  return plain
}

/** "progress 10%\rprogress 20%" shows only its last state on a terminal. */
function resolveCarriageReturns(plain: string): string {
  return plain
    .split('\n')
    .map((line) => {
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line
      const cut = trimmed.lastIndexOf('\r')
      return cut >= 0 ? trimmed.slice(cut + 1) : trimmed
    })
    .join('\n')
}

export function stripAnsi(text: string): string {
  const scanner = new TokenScanner(KEPT_CONTROLS)
  const plain =
    plainOf(scanner.push(text), scanner.source, scanner.sourceStart) +
    plainOf(scanner.end(), scanner.source, scanner.sourceStart)
  return resolveCarriageReturns(plain)
}

export const EXCERPT_HEAD_CHARS = 4_000
export const EXCERPT_TAIL_CHARS = 12_000

export interface OutputExcerpt {
  push(chunk: string): void
  /** Plain, bounded text and how much output there was in all. */
  finish(): { output: string; outputChars: number; truncated: boolean }
}

/** Collects output with bounded memory, however much a command prints. */
export function createOutputExcerpt(
  headChars = EXCERPT_HEAD_CHARS,
  tailChars = EXCERPT_TAIL_CHARS,
): OutputExcerpt {
  const scanner = new TokenScanner(KEPT_CONTROLS)
  let head = ''
  /**
   * The latest text in the pieces it came in, no more than the tail needs: joined once at
   * the end, not per chunk.
   */
  const tailParts: string[] = []
  let tailPartsLength = 0
  let total = 0
  let plainTotal = 0
  const keep = (plain: string) => {
    plainTotal += plain.length
    if (head.length < headChars) {
      const room = headChars - head.length
      head += plain.slice(0, room)
      plain = plain.slice(room)
    }
    if (!plain) return
    tailParts.push(plain)
    tailPartsLength += plain.length
    while (tailParts.length > 1 && tailPartsLength - tailParts[0]!.length >= tailChars) {
      tailPartsLength -= tailParts.shift()!.length
    }
  }
  return {
    push(chunk) {
      total += chunk.length
      keep(plainOf(scanner.push(chunk), scanner.source, scanner.sourceStart))
    },
    finish() {
      keep(plainOf(scanner.end(), scanner.source, scanner.sourceStart))
      const tail = tailParts.join('').slice(-tailChars)
      const truncated = plainTotal > headChars + tailChars
      const omitted = plainTotal - head.length - tail.length
      const output = truncated
        ? `${resolveCarriageReturns(head)}\n… ${omitted} characters of output omitted …\n${resolveCarriageReturns(tail)}`
        : resolveCarriageReturns(head + tail)
      // Trailing blank space (zsh's end-of-line marker padding, a final newline) says nothing.
      return { output: output.replace(/\s+$/, ''), outputChars: total, truncated }
    },
  }
}
