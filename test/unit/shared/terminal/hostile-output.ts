/**
 * Generators of hostile terminal output for property tests: printable text (ASCII and
 * multi-byte), C0 and C1 controls, every family of escape sequence, leading zeros,
 * controls inside sequences, and the queries known to make xterm.js answer, so a
 * property over these streams is about the sequences that matter.
 */
import fc from 'fast-check'

const ESC = '\u001b'

/** The attacks of issue 11.6: each made xterm.js answer into the shell's input. */
export const ATTACKS: Array<[name: string, bytes: string]> = [
  ['OSC 11 with a leading zero', `${ESC}]011;?\u0007`],
  ['OSC 4 with a leading zero', `${ESC}]04;1;?\u0007`],
  ['OSC 10 ended by ESC alone', `${ESC}]10;?${ESC}x`],
  ['BS inside a DSR', `${ESC}[6\bn`],
  ['BEL inside a DA1', `${ESC}[\u0007c`],
  ['CR inside a DECRQM', `${ESC}[?1$\rp`],
  ['8-bit CSI DSR (UTF-8 C2 9B)', '\u009b6n'],
  ['8-bit CSI DA1', '\u009bc'],
  ['8-bit DCS DECRQSS', '\u0090$qm\u009c'],
  ['8-bit OSC colour query', '\u009d11;?\u0007'],
  ['DSR', `${ESC}[5n`],
  ['CPR, DEC form', `${ESC}[?6n`],
  ['DA2', `${ESC}[>c`],
  ['DECRQM, ANSI form', `${ESC}[4$p`],
  ['DECRQSS', `${ESC}P$qr${ESC}\\`],
  ['window size in characters', `${ESC}[18t`],
  ['window size in pixels', `${ESC}[14t`],
  ['cell size in pixels', `${ESC}[16t`],
  ['focus reporting', `${ESC}[?1004h`],
  ['focus reporting mixed with an allowed mode', `${ESC}[?25;1004h`],
  ['mouse tracking', `${ESC}[?1000;1006h`],
  ['NUL inside a DSR', `${ESC}[\u00006n`],
]

/** Sequences xterm.js 6.0 answers (headless or browser build), in the forms we know of. */
export const QUERIES = [
  `${ESC}[6n`,
  `${ESC}[5n`,
  `${ESC}[?6n`,
  `${ESC}[c`,
  `${ESC}[0c`,
  `${ESC}[>c`,
  `${ESC}[>0c`,
  `${ESC}[2$p`,
  `${ESC}[?2004$p`,
  `${ESC}[?1$\rp`,
  `${ESC}[6\bn`,
  `${ESC}[\u0007c`,
  `${ESC}[14t`,
  `${ESC}[16t`,
  `${ESC}[18t`,
  `${ESC}P$qm${ESC}\\`,
  `${ESC}P$q"p\u0007${ESC}\\`,
  `${ESC}]11;?\u0007`,
  `${ESC}]011;?\u0007`,
  `${ESC}]10;?${ESC}\\`,
  `${ESC}]4;1;?\u0007`,
  `${ESC}]04;1;?\u0007`,
  `${ESC}]12;?\u009c`,
  `${ESC}[?1004h`,
  `${ESC}[?1000h`,
  `${ESC}[?1003;1006h`,
  '\u009b6n',
  '\u009bc',
  '\u009b?1$p',
  '\u009d11;?\u0007',
  '\u009d4;2;?\u009c',
  '\u0090$qm\u009c',
  `${ESC}[?1;2004;1004h`,
]

/**
 * Queries xterm.js 6.0 does not answer but other terminals or later xterm.js versions do
 * (DA3, XTVERSION, kitty keyboard, XTGETTCAP, DECID) and clipboard access (OSC 52, with
 * the clipboard addon): dropped all the same.
 */
export const OTHER_QUERIES = [
  `${ESC}[=c`,
  `${ESC}[>q`,
  `${ESC}[?u`,
  `${ESC}P+q544e${ESC}\\`,
  `${ESC}]052;c;?\u0007`,
  `${ESC}]52;c;ZWNobyBoaQ==\u0007`,
  `${ESC}Z`,
]

/** Harmless sequences programs print all the time, which must pass. */
export const HARMLESS = [
  `${ESC}[0m`,
  `${ESC}[1;31m`,
  `${ESC}[38;2;255;128;0m`,
  `${ESC}[38:5:208m`,
  `${ESC}[H`,
  `${ESC}[2J`,
  `${ESC}[K`,
  `${ESC}[10;20H`,
  `${ESC}[?25l`,
  `${ESC}[?25h`,
  `${ESC}[?1049h`,
  `${ESC}[?1049l`,
  `${ESC}[?2004h`,
  `${ESC}[?2004l`,
  `${ESC}[1;24r`,
  `${ESC}7`,
  `${ESC}8`,
  `${ESC}(B`,
  `${ESC}(0`,
  `${ESC}M`,
  `${ESC}[3 q`,
  `${ESC}=`,
  `${ESC}>`,
]

/** Marks the shell integration prints (the filter reports them; they are never shown). */
export const MARKS = [
  `${ESC}]133;A\u0007`,
  `${ESC}]133;D;0${ESC}\\`,
  `${ESC}]633;E;ls -la\u0007`,
  `${ESC}]6973;ctx;cwd=/srv\u0007`,
  `${ESC}]06973;names;alias=ll\u0007`,
]

const PIECES = [
  ESC,
  `${ESC}[`,
  `${ESC}]`,
  `${ESC}P`,
  `${ESC}X`,
  `${ESC}^`,
  `${ESC}_`,
  `${ESC}\\`,
  `${ESC}(`,
  `${ESC}#`,
  '\u0007',
  '\u0018',
  '\u001a',
  '\u009c',
  '\u009b',
  '\u009d',
  '\u0090',
  '\u0098',
  '\u009e',
  '\u009f',
  '\u0085',
  '\u0099',
  '0',
  '00',
  '1',
  '4',
  '6',
  '11',
  '52',
  '133',
  '1004',
  '2004',
  ';',
  ':',
  '?',
  '>',
  '=',
  '<',
  '$',
  ' ',
  '!',
  '"',
  "'",
  'c',
  'n',
  'p',
  'q',
  'h',
  'l',
  'm',
  't',
  'u',
  'H',
  'Z',
  '\u007f',
]

const c0 = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c))
const c1 = fc.integer({ min: 0x80, max: 0x9f }).map((c) => String.fromCharCode(c))
/** Long enough for the filter's word-at-a-time scan. */
const longAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 8,
  maxLength: 40,
})
const ascii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 6,
})
const wide = fc.constantFrom('é', '€', 'ß', '中文', '😀', '\u00a0', 'ｒ', '\u{10ffff}')

/** One piece of hostile output (a string of Unicode scalar values, no U+FEFF). */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 3, arbitrary: fc.constantFrom(...QUERIES, ...OTHER_QUERIES) },
  { weight: 2, arbitrary: fc.constantFrom(...HARMLESS) },
  { weight: 1, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 2, arbitrary: ascii },
  { weight: 1, arbitrary: longAscii },
  { weight: 1, arbitrary: wide },
  { weight: 1, arbitrary: c0 },
  { weight: 1, arbitrary: c1 },
)

export const hostileText: fc.Arbitrary<string> = fc
  .array(piece, { maxLength: 40 })
  .map((parts) => parts.join(''))

/** Bytes that are not UTF-8 (or that xterm.js drops): lone C1 bytes, cut and overlong sequences, surrogates, BOM. */
const INVALID = [
  [0x9b],
  [0x9d],
  [0x90],
  [0xc2],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc0, 0x9b],
  [0xe0, 0x82, 0x9b],
  [0xf0, 0x80, 0x82, 0x9b],
  [0xed, 0xa0, 0x80],
  [0xef, 0xbb, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8],
  [0xff],
  [0x80],
]

const encoder = new TextEncoder()

/** Hostile output as bytes: the text above, with invalid UTF-8 spliced in. */
export const hostileBytes: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: piece.map((s) => [...encoder.encode(s)]) },
      { weight: 1, arbitrary: fc.constantFrom(...INVALID) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => Uint8Array.from(parts.flat()))

/** Cut points for splitting `length` units into chunks. */
export function chunked<T extends { length: number; slice(a: number, b?: number): T }>(
  data: T,
  cuts: number[],
): T[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
  const chunks: T[] = []
  let from = 0
  for (const point of points) {
    chunks.push(data.slice(from, point))
    from = point
  }
  chunks.push(data.slice(from))
  return chunks
}

export const cuts = fc.array(fc.nat(), { maxLength: 8 })
