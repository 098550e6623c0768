import type { IPty } from 'node-pty'
import { spawnShell, type ShellSpawnOptions } from './spawn-shell'

/** Size a spare shell starts at; it is resized to the terminal's size when taken. */
const SPARE_COLS = 80
const SPARE_ROWS = 24
/** Output a spare may buffer before it is taken (a prompt is a few hundred chars). */
const SPARE_BUFFER_LIMIT_CHARS = 64 * 1024

export interface TakenShell {
  pty: IPty
  /** What the shell printed while it waited (its prompt). */
  pending: string
}

/**
 * Keeps one shell started in the default directory, so a new terminal shows a live
 * prompt without waiting for the shell to start (the cold-start budget of issue 2).
 */
export interface SpareShell {
  take(cwd: string): TakenShell | null
  dispose(): void
}

export function createSpareShell(options: ShellSpawnOptions, defaultCwd: string): SpareShell {
  let spare: { pty: IPty; chunks: string[]; size: number; release(): void } | null = null
  let disposed = false

  const start = () => {
    if (disposed || spare) return
    let pty: IPty
    try {
      pty = spawnShell(options, { cwd: defaultCwd, cols: SPARE_COLS, rows: SPARE_ROWS })
    } catch {
      return // the next create spawns its own shell and reports the error
    }
    const entry = {
      pty,
      chunks: [] as string[],
      size: 0,
      release: () => {
        data.dispose()
        exit.dispose()
      },
    }
    const data = pty.onData((chunk) => {
      if (entry.size >= SPARE_BUFFER_LIMIT_CHARS) return
      entry.chunks.push(chunk)
      entry.size += chunk.length
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
      return { pty: taken.pty, pending: taken.chunks.join('') }
    },
    dispose() {
      disposed = true
      if (!spare) return
      spare.release()
      try {
        spare.pty.kill('SIGHUP')
      } catch {
        // already gone
      }
      spare = null
    },
  }
}
