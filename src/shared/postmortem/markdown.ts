/**
 * Markdown building blocks that user text can never break out of.
 *
 * Hand-written on purpose: the remark serializer (mdast-util-to-markdown) escapes just as
 * safely but took ~360 ms for a 10,000-row timeline here, and the export target is 200 ms.
 * The rules are CommonMark's own: any ASCII punctuation may be backslash-escaped and then
 * stands for itself, and a code fence only closes on a fence at least as long as the
 * opening one. Checked against a real CommonMark parser (markdown-it) by property tests.
 */
import { maskSecrets } from '../commands/mask-secrets'

/** Characters that start or end inline markup, HTML, entities, tables, strikethrough or math. */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~#$]/g
/** At the start of a line: list items, setext underlines, thematic breaks, ordered lists. */
const BLOCK_START = /^([-+=:]|\d{1,9}[.)])/
/** Control characters and bidi overrides: shown as a replacement mark, never interpreted. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

function cleanLine(line: string): string {
  return line.replace(HIDDEN, '\uFFFD').replace(/\t/g, ' ').trim()
}

function escapeLine(line: string): string {
  const escaped = cleanLine(line).replace(INLINE_SPECIAL, '\\$&')
  return escaped.replace(BLOCK_START, (start) =>
    start.length === 1 ? `\\${start}` : `${start.slice(0, -1)}\\${start.slice(-1)}`,
  )
}

/** User text on one line (a table cell, a heading, a list item): newlines become spaces. */
export function inline(text: string): string {
  const masked = maskSecrets(text)
  const oneLine = /[\r\n]/.test(masked) ? masked.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ') : masked
  return escapeLine(oneLine)
}

/** A table cell: one line, pipes escaped (by `inline`), never empty. */
export function cell(text: string): string {
  return inline(text) || ' '
}

/** User prose over several lines: paragraphs kept, line breaks kept as hard breaks. */
export function paragraphs(text: string, empty = '_Not written._'): string {
  const blocks = maskSecrets(text)
    .split(/(?:\r\n|\r|\n)\s*(?:\r\n|\r|\n)/)
    .map((block) =>
      block
        .split(/\r\n|\r|\n/)
        .map(escapeLine)
        .filter(Boolean)
        .join('\\\n'),
    )
    .filter(Boolean)
  return blocks.length ? blocks.join('\n\n') : empty
}

/** A bullet list of user lines. */
export function bullets(lines: readonly string[], empty = '_None recorded._'): string {
  const items = lines.map(inline).filter(Boolean)
  return items.length ? items.map((item) => `- ${item}`).join('\n') : empty
}

/** A fenced code block that the content cannot close: the fence outgrows any backtick run. */
export function codeBlock(text: string, info = ''): string {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(Math.max(3, longest + 1))
  const body = text.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '')
  return `${fence}${info}\n${body}\n${fence}`
}

/** Inline code that its content cannot close (only for text that is not in a table). */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ')
  let longest = 0
  for (const run of oneLine.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const ticks = '`'.repeat(longest + 1)
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || /^ .* $/.test(oneLine) ? ' ' : ''
  return `${ticks}${pad}${oneLine}${pad}${ticks}`
}

export function heading(level: 1 | 2 | 3, text: string): string {
  return `${'#'.repeat(level)} ${inline(text) || '\\-'}`
}

/** Markdown we built (never user text as is): goes into a table cell unescaped. */
export interface Trusted {
  md: string
}

/** A GFM table: user text cells go through `cell`; headers are ours. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | Trusted)[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [
    line(headers),
    line(headers.map(() => '---')),
    ...rows.map((row) => line(row.map((c) => (typeof c === 'string' ? cell(c) : c.md || ' ')))),
  ].join('\n')
}

/** A link to a ticket or dashboard when it is a plain web address, else the text. */
export function linkOrText(value: string): Trusted {
  const trimmed = maskSecrets(value.trim())
  return {
    md: /^https?:\/\/[^\s<>|`\\]+$/i.test(trimmed) ? `<${trimmed}>` : inline(trimmed),
  }
}
