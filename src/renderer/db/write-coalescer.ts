/**
 * Coalesces rapid edits (typing) into few writes: the first edit starts a window, and
 * everything edited within it is written together when it ends, so the newest text is at
 * most `delayMs` (plus one commit) behind the last keystroke. `flush()` writes at once
 * (blur, page hide, close).
 */
export interface WriteCoalescer<T> {
  schedule(key: string, value: T): void
  /** Writes what is pending now; resolves when it is committed (or rejects). */
  flush(): Promise<void>
  readonly pendingCount: number
}

/** At most this far behind the last keystroke (DESIGN.md §3: ~250 ms). */
export const TYPING_SAVE_DELAY_MS = 200

export function createWriteCoalescer<T>(options: {
  delayMs?: number
  write(values: T[]): Promise<void>
  onError(error: unknown, values: T[]): void
  onIdle?(): void
}): WriteCoalescer<T> {
  const delay = options.delayMs ?? TYPING_SAVE_DELAY_MS
  let pending = new Map<string, T>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> = Promise.resolve()

  const flush = (): Promise<void> => {
    clearTimeout(timer)
    timer = undefined
    if (pending.size === 0) return inFlight
    const values = [...pending.values()]
    pending = new Map()
    // Writes are chained so an older text never lands after a newer one.
    inFlight = inFlight
      .catch(() => {})
      .then(() => options.write(values))
      .then(
        () => {
          if (pending.size === 0) options.onIdle?.()
        },
        (error: unknown) => {
          options.onError(error, values)
          throw error
        },
      )
    return inFlight
  }

  return {
    schedule(key, value) {
      pending.set(key, value)
      timer ??= setTimeout(() => void flush().catch(() => {}), delay)
    },
    flush,
    get pendingCount() {
      return pending.size
    },
  }
}
