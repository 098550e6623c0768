/**
 * Inside a string (an OSC payload, DCS data, SOS/PM/APC), the run of ASCII bytes that leaves
 * xterm.js's parser where it is: everything but BEL (which ends an OSC), CAN, SUB and ESC;
 * a byte from 0x80 up stops the run too, because the tokenizer must see it (a UTF-8
 * character, or an 8-bit C1 control). Returns the index of the first byte not in the run.
 */
export function stringRunEnd(chunk: Uint8Array, i: number, n: number, belEnds: boolean): number {
  let b: number
  while (
    i < n &&
    (b = chunk[i]!) < 0x80 &&
    b !== 0x18 &&
    b !== 0x1a &&
    b !== 0x1b &&
    (b !== 0x07 || !belEnds)
  ) {
    i++
  }
  return i
}
