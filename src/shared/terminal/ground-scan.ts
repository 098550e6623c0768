/**
 * The output filter's fast path: in ground state, how far the bytes from `i` are text
 * shown as it is, that is ASCII other than ESC (printables and C0 controls, which xterm.js
 * prints or executes without leaving ground) and complete, valid UTF-8 characters from
 * U+00A0 up other than U+FEFF (printed). Validity is xterm.js's (its Utf8ToUtf32 drops
 * overlong forms, surrogates, BOM and code points beyond U+10FFFF). Stops at anything
 * else: ESC, a C1 control, an invalid byte, a character cut by the chunk's end.
 */
/** The chunk as 32-bit words from its first 4-byte aligned byte (`base`), for scanning ASCII four bytes at a time. */
export interface Words {
  base: number
  view: Uint32Array
}

export function wordsOf(chunk: Uint8Array): Words {
  const base = (4 - (chunk.byteOffset & 3)) & 3
  const count = Math.max(0, (chunk.length - base) >> 2)
  return { base, view: new Uint32Array(chunk.buffer, chunk.byteOffset + base, count) }
}

/** From `i`, the first byte that is not ASCII or is ESC (or `n`): a word at a time where aligned. */
function scanAscii(chunk: Uint8Array, i: number, n: number, words: Words): number {
  const { base, view } = words
  while (i < n) {
    if (i >= base && ((i - base) & 3) === 0) {
      let k = (i - base) >> 2
      const m = view.length
      for (; k < m; k++) {
        const w = view[k]!
        if (w & 0x80808080) break // a byte from 0x80 up
        const x = w ^ 0x1b1b1b1b
        if ((x - 0x01010101) & ~x & 0x80808080) break // a zero byte in x: an ESC in w
      }
      i = base + k * 4
      if (i >= n) return n
    }
    const b = chunk[i]!
    if (b >= 0x80 || b === 0x1b) return i
    i++
  }
  return i
}

export function scanGround(chunk: Uint8Array, i: number, n: number, words: Words): number {
  while (i < n) {
    const b = chunk[i]!
    if (b < 0x80) {
      if (b === 0x1b) return i
      i = scanAscii(chunk, i + 1, n, words)
      continue
    }
    if (b < 0xc2) return i // continuation byte, or an overlong two-byte lead
    if (b < 0xe0) {
      if (i + 1 >= n) return i
      const c = chunk[i + 1]!
      if ((c & 0xc0) !== 0x80 || (b === 0xc2 && c < 0xa0)) return i // cut, or a C1 control
      i += 2
      continue
    }
    if (b < 0xf0) {
      if (i + 2 >= n) return i
      const c1 = chunk[i + 1]!
      const c2 = chunk[i + 2]!
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return i
      const cp = ((b & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f)
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfeff) return i
      i += 3
      continue
    }
    if (b < 0xf5) {
      if (i + 3 >= n) return i
      const c1 = chunk[i + 1]!
      const c2 = chunk[i + 2]!
      const c3 = chunk[i + 3]!
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return i
      const cp = ((b & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f)
      if (cp < 0x10000 || cp > 0x10ffff) return i
      i += 4
      continue
    }
    return i
  }
  return i
}
