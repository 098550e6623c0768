/**
 * The contract's size limits, as plain numbers: the renderer reads them (a proposal's
 * length, a paste) without loading the schemas, so zod stays off its critical path.
 */
/** Largest single terminal write accepted: a huge paste is refused, not truncated silently. */
export const MAX_TERMINAL_WRITE_CHARS = 1_000_000
/** Terminal dimensions are clamped to a sane range; xterm never asks for more. */
export const MAX_TERMINAL_DIMENSION = 2_000
/** Longest command a proposal may hold (a script belongs in a file, not a proposal). */
export const MAX_COMMAND_CHARS = 20_000
/** Largest export saved through the desktop's save dialog (a 10k-event JSON is ~6 MB). */
export const MAX_SAVE_CHARS = 100_000_000
export const SAVE_KINDS = ['markdown', 'json'] as const
export type SaveKind = (typeof SAVE_KINDS)[number]
