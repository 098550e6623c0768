/**
 * Paces a flood of shell output into xterm.
 *
 * xterm parses what it is given and repaints once per animation frame when anything
 * changed. Fed from a socket during a flood, every frame has something new, so the page
 * repaints ~60 times a second whatever the data rate, and each repaint (style, layout,
 * paint of every row) costs as much as parsing a few hundred KB. While a flood is on,
 * output is therefore held and handed to xterm in one go at most every `paceMs`: fewer
 * repaints per MB, the same bytes in the same order.
 *
 * Nothing else waits: the first output after a quiet moment, echo, prompts and short
 * output are written at once, and for a moment after the user types (Ctrl-C during a
 * flood) nothing is held, so the prompt that follows is not either.
 */

/** At most one write to xterm per this many ms while a flood is on (two frames at 60 Hz). */
export const OUTPUT_PACE_MS = 33
/** A write this big, followed by more output within `paceMs`, means a flood is on. */
export const FLOOD_WRITE_BYTES = 32_768
/** After a key is typed, output is written at once for this long. */
export const INPUT_GRACE_MS = 250

export interface PacerClock {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface OutputPacer<T> {
  /** Output that arrived: written now, or with the next paced write. */
  push(item: T, bytes: number): void
  /** The user typed: what is held goes now, and nothing is held for a moment. */
  noteInput(): void
  /** Writes what is held now (before something that must not overtake it). */
  flush(): void
  /** Drops what is held (the view is going). */
  dispose(): void
}

export function createOutputPacer<T>(options: {
  /** Hands items to xterm, in order. */
  write(items: T[]): void
  clock?: PacerClock
  paceMs?: number
  floodBytes?: number
  inputGraceMs?: number
}): OutputPacer<T> {
  const clock = options.clock ?? realClock
  const paceMs = options.paceMs ?? OUTPUT_PACE_MS
  const floodBytes = options.floodBytes ?? FLOOD_WRITE_BYTES
  const inputGraceMs = options.inputGraceMs ?? INPUT_GRACE_MS
  let held: T[] = []
  let heldBytes = 0
  let lastWriteAt = Number.NEGATIVE_INFINITY
  let lastWriteBytes = 0
  let graceUntil = Number.NEGATIVE_INFINITY
  let timer: unknown
  let disposed = false

  const cancelTimer = () => {
    if (timer === undefined) return
    clock.clearTimeout(timer)
    timer = undefined
  }

  const writeHeld = () => {
    cancelTimer()
    if (held.length === 0 || disposed) return
    const items = held
    lastWriteAt = clock.now()
    lastWriteBytes = heldBytes
    held = []
    heldBytes = 0
    options.write(items)
  }

  return {
    push(item, bytes) {
      if (disposed) return
      held.push(item)
      heldBytes += bytes
      if (timer !== undefined) return // a paced write is already due: this goes with it
      const now = clock.now()
      const flooding =
        lastWriteBytes >= floodBytes && now - lastWriteAt < paceMs && now >= graceUntil
      if (!flooding) {
        writeHeld()
        return
      }
      timer = clock.setTimeout(
        () => {
          timer = undefined
          writeHeld()
        },
        lastWriteAt + paceMs - now,
      )
    },
    noteInput() {
      graceUntil = clock.now() + inputGraceMs
      writeHeld()
    },
    flush: writeHeld,
    dispose() {
      disposed = true
      cancelTimer()
      held = []
      heldBytes = 0
    },
  }
}
