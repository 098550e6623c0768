/**
 * Markdown building blocks that user text can never break out of, and that pass
 * markdownlint's default rules (line length aside) whatever the text.
 *
 * Hand-written on purpose: the remark serializer (mdast-util-to-markdown) escapes just as
 * safely but took ~360 ms for a 10,000-row timeline here, and the export target is 200 ms.
 * The rules are CommonMark's own: any ASCII punctuation may be backslash-escaped and then
 * stands for itself, and a code fence only closes on a fence at least as long as the
 * opening one. Checked against a real CommonMark parser (markdown-it) and markdownlint by
 * property tests.
 */
import { maskSecrets } from '../commands/mask-secrets'

/**
 * Characters that start or end inline markup, HTML, entities, tables, strikethrough or math,
 * and what GFM turns into a link by itself (`http:`, `https:`, `www.`, `a@b.c`): a bare URL
 * in user text stays text (markdownlint MD034), the same in every renderer.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~#$@]|:(?<=https?:)|\.(?<=www\.)/gi
/** At the start of a line: list items, setext underlines, thematic breaks, ordered lists. */
const BLOCK_START = /^([-+=:]|\d{1,9}[.)])/
/**
 * Shown as a replacement mark, never interpreted: control characters, bidi overrides, and the
 * format characters that span over the text after them (prepended concatenation marks,
 * interlinear annotations; markdownlint's MD060 even throws on them in a table).
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb\u{110bd}\u{110cd}\u{13430}-\u{1343f}]/gu
/**
 * What markdownlint (MD026) calls trailing punctuation in a heading, and the backslashes
 * before it: an odd run means the last one escapes it (`http\:`), an even run is escaped
 * backslashes the user typed.
 */
const HEADING_END_PUNCTUATION = /(\\*)([.,;:!。，；：！])$/u

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

/** A name in a sentence ("Proposed by …"): never empty, so the sentence stays whole. */
export function who(name: string | null | undefined): string {
  return inline(name ?? '') || 'someone'
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

/**
 * Blocks of a section, a blank line apart; empty ones left out (no double blank lines).
 * Concatenated, not joined: V8 joins by copying, and sections nest (a 10,000-event
 * timeline was copied at every level).
 */
export function blocks(...parts: readonly (string | false | null | undefined)[]): string {
  let out = ''
  for (const part of parts) if (part) out = out ? `${out}\n\n${part}` : part
  return out
}

/** A fenced code block that the content cannot close: the fence outgrows any backtick run. */
export function codeBlock(text: string, info: string): string {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(Math.max(3, longest + 1))
  const body = text.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '')
  return `${fence}${info}\n${body}\n${fence}`
}

/** `\u{…}` for one character, as the command inspector writes hidden characters. */
function visibleChar(char: string): string {
  return `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`
}

/**
 * Inline code that its content cannot close (only for text that is not in a table). Tabs,
 * control characters and spaces at either end are written as `\u{…}`: a code span cannot
 * show them (CommonMark strips one space; markdownlint MD010 and MD038 refuse them).
 */
export function inlineCode(text: string): string {
  const oneLine = text
    .replace(/\r\n|\r|\n/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are what is replaced
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, visibleChar)
    .replace(/^\s+|\s+$/g, (edge) => [...edge].map(visibleChar).join(''))
  if (oneLine === '') return '_(empty)_'
  let longest = 0
  for (const run of oneLine.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const ticks = '`'.repeat(longest + 1)
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${oneLine}${pad}${ticks}`
}

/**
 * An ATX heading. Trailing punctuation (markdownlint MD026) is written as a character
 * reference, which every CommonMark renderer shows as the character itself.
 */
export function heading(level: 1 | 2 | 3 | 4, text: string): string {
  const escaped = inline(text) || '\\-'
  const ending = escaped.replace(
    HEADING_END_PUNCTUATION,
    (_m, slashes: string, mark: string) =>
      `${slashes.slice(slashes.length % 2)}&#${mark.codePointAt(0)};`,
  )
  return `${'#'.repeat(level)} ${ending}`
}

/** Markdown we built (never user text as is): goes into a table cell unescaped. */
export interface Trusted {
  md: string
}

/** One table row, "compact" style (markdownlint MD060): an empty cell is `| |`. */
function tableRow(cells: readonly string[]): string {
  let row = '|'
  for (const c of cells) row += c ? ` ${c} |` : ' |'
  return row
}

/** A GFM table: user text cells go through `inline`; headers are ours. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | Trusted)[])[],
): string {
  return [
    tableRow(headers),
    tableRow(headers.map(() => '---')),
    ...rows.map((row) => tableRow(row.map((c) => (typeof c === 'string' ? inline(c) : c.md)))),
  ].join('\n')
}

/**
 * A web address an autolink can hold as is: printable ASCII (an autolink ends at a control
 * character or a space), nothing that would end it (`<`, `>`) or split a table cell (`|`),
 * no backslash or backtick (taken literally inside, read as escapes by some renderers).
 */
const WEB_ADDRESS = /^https?:\/\/[!-~]+$/i
const NOT_IN_ADDRESS = /[<>|`\\]/

/** A link to a ticket or dashboard when it is a plain web address, else the text. */
export function linkOrText(value: string): Trusted {
  const trimmed = maskSecrets(value.trim())
  return {
    md:
      WEB_ADDRESS.test(trimmed) && !NOT_IN_ADDRESS.test(trimmed) ? `<${trimmed}>` : inline(trimmed),
  }
}
