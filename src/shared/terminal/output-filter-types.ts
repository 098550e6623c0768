/** What the byte-level output filter (./output-filter.ts) is given and gives back. */
export interface OutputFilterSinks {
  /** Bytes to show, in stream order, never ending inside a UTF-8 sequence or an escape sequence. */
  onVisible(bytes: Uint8Array): void
  /** An OSC 133, 633 or 6973 sequence (the shell-integration marks): its ident and its body
   *  after "<ident>;" up to the terminator, decoded as UTF-8. Never shown. Called in stream order
   *  (after onVisible for everything before it). */
  onMark(ident: number, body: string): void
  /** The program switched bracketed paste mode (DECSET/DECRST 2004) in a sequence that passed. */
  onBracketedPaste?(on: boolean): void
}

export interface OutputFilter {
  push(chunk: Uint8Array): void
}
