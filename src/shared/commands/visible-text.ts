/**
 * A reversible, printable-ASCII rendering of any text: what you approve is what runs.
 * Printable ASCII (space to ~) stands for itself, except the backslash, written `\\`;
 * every other code point is written `\u{HEX}` (a newline too, so nothing can hide in a
 * line break). `fromVisible(toVisible(s)) === s` for every string.
 */

function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code <= 0x7e
}

export function toVisible(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\\') out += '\\\\'
    else if (isPrintableAscii(code)) out += char
    else out += `\\u{${code.toString(16).toUpperCase()}}`
  }
  return out
}

export function fromVisible(visible: string): string {
  return visible.replace(/\\(\\|u\{([0-9A-F]+)\})/g, (_m, escaped: string, hex?: string) =>
    hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : escaped,
  )
}
