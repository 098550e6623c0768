import type { IPty } from 'node-pty'
import { spawnShell, type ShellSpawnOptions, type SpawnedShell } from './spawn-shell'

/** Size a spare shell starts at; it is resized to the terminal's size when taken. */
const SPARE_COLS = 80
const SPARE_ROWS = 24
/** Output a spare may buffer before it is taken (a prompt is a few hundred bytes). */
const SPARE_BUFFER_LIMIT_BYTES = 64 * 1024

export interface TakenShell extends SpawnedShell {
  /** What the shell printed while it waited (its prompt and first marks). */
  pending: Uint8Array[]
}

/**
 * Keeps one shell started in the default directory, so a new terminal shows a live
 * prompt without waiting for the shell to start (the cold-start budget).
 */
export interface SpareShell {
  take(cwd: string): TakenShell | null
  dispose(): void
}

export function createSpareShell(options: ShellSpawnOptions, defaultCwd: string): SpareShell {
  let spare: { shell: SpawnedShell; chunks: Uint8Array[]; size: number; release(): void } | null =
    null
  let disposed = false

  const start = () => {
    if (disposed || spare) return
    let shell: SpawnedShell
    try {
      shell = spawnShell(options, { cwd: defaultCwd, cols: SPARE_COLS, rows: SPARE_ROWS })
    } catch {
      return // the next create spawns its own shell and reports the error
    }
    const pty: IPty = shell.pty
    const entry = {
      shell,
      chunks: [] as Uint8Array[],
      size: 0,
      release: () => {
        data.dispose()
        exit.dispose()
      },
    }
    const data = pty.onData((chunk: string | Uint8Array) => {
      if (entry.size >= SPARE_BUFFER_LIMIT_BYTES) return
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      entry.chunks.push(bytes)
      entry.size += bytes.length
    })
    const exit = pty.onExit(() => {
      entry.release()
      if (spare === entry) spare = null
    })
    spare = entry
  }

  start()
  return {
    take(cwd) {
      if (!spare || cwd !== defaultCwd) return null
      const taken = spare
      spare = null
      taken.release()
      setImmediate(start)
      return { ...taken.shell, pending: taken.chunks }
    },
    dispose() {
      disposed = true
      if (!spare) return
      spare.release()
      try {
        spare.shell.pty.kill('SIGHUP')
      } catch {
        // already gone
      }
      spare = null
    },
  }
}
