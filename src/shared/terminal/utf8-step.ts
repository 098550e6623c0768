/**
 * UTF-8 decoding as xterm.js's Utf8ToUtf32 does it, one character at a time, across chunk
 * edges: the continuation bytes still expected, the code point so far and the character's
 * length in bytes.
 */
export interface Utf8Progress {
  need: number
  cp: number
  len: number
}

/**
 * Reads continuation bytes from chunk[i]; once the last has come, `cp` is the code point, or
 * -1 when the character is illegal (xterm.js drops it). Returns where it stopped.
 */
export function continueUtf8(p: Utf8Progress, chunk: Uint8Array, i: number): number {
  while (p.need > 0 && i < chunk.length) {
    const c = chunk[i]!
    if ((c & 0xc0) !== 0x80) {
      // Wrong continuation: the character is dropped, this byte read again.
      p.need = 0
      p.cp = -1
      return i
    }
    p.cp = (p.cp << 6) | (c & 0x3f)
    p.need--
    i++
  }
  if (p.need === 0) {
    const { cp, len } = p
    if (
      (len === 2 && cp < 0x80) ||
      (len === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfeff)) ||
      (len === 4 && (cp < 0x10000 || cp > 0x10ffff))
    )
      p.cp = -1 // overlong, surrogate, BOM or beyond Unicode: xterm.js drops it
  }
  return i
}
