/**
 * One host per data directory. Two hosts on one folder (two `npm run serve` on different
 * ports, or the desktop app and a browser shell pointed at one folder) would both read the
 * gate log and hand out the same positions, and a window would skip one entry as already
 * stored. The host holds a lock file naming its pid from start to stop; a lock left by a
 * process that no longer runs (a crash, kill -9) is taken over.
 */
import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE = 'war-room.lock'

/** Tries before giving up when other hosts start, crash and take over all at once. */
const TAKE_ATTEMPTS = 5

/** Another host runs on the same data directory: this one must not start. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
    readonly lockFile: string,
  ) {
    const who = pid === null ? 'another War Room host' : `another War Room host (process ${pid})`
    super(
      `The data directory ${dataDir} is in use by ${who}. Stop that one first, or start this ` +
        `one with another data directory. If no War Room is running, delete ${lockFile}.`,
    )
    this.name = 'DataDirLockedError'
  }
}

export interface DataDirLock {
  /** Where the lock is kept (null: the folder cannot be written, nothing is held). */
  readonly file: string | null
  release(): void
}

/** Lock files held by this process: a second host in the same process is refused too. */
const heldHere = new Set<string>()

function holderOf(file: string): number | null | 'gone' {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  const pid = Number.parseInt(text.trim(), 10)
  return Number.isInteger(pid) && pid > 0 ? pid : null
}

/** Whether the lock's holder still runs (this process counts only if it holds the lock). */
function alive(pid: number, file: string): boolean {
  if (pid === process.pid) return heldHere.has(file)
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // runs, as another user
  }
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code

/**
 * Takes the data directory's lock, or throws DataDirLockedError naming the host that holds
 * it. A folder that cannot be written yields no lock (the host then keeps its log in memory).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE)
  // Written whole under a name of its own, then linked into place: the link fails if a lock
  // exists, and a lock is never seen half written.
  const mine = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`
  try {
    writeFileSync(mine, `${process.pid}\n`, { mode: 0o600 })
  } catch {
    return { file: null, release: () => {} }
  }
  const place = (): 'taken' | 'exists' | 'unwritable' => {
    try {
      linkSync(mine, file)
      return 'taken'
    } catch (error) {
      if (code(error) === 'EEXIST') return 'exists'
    }
    try {
      // A file system without hard links: created exclusively, written at once.
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 })
      return 'taken'
    } catch (error) {
      return code(error) === 'EEXIST' ? 'exists' : 'unwritable'
    }
  }
  try {
    for (let attempt = 0; attempt < TAKE_ATTEMPTS; attempt++) {
      const placed = place()
      if (placed === 'unwritable') return { file: null, release: () => {} }
      if (placed === 'taken') {
        heldHere.add(file)
        return held(file)
      }
      const holder = holderOf(file)
      if (holder === 'gone') continue
      if (holder !== null && alive(holder, file))
        throw new DataDirLockedError(dataDir, holder, file)
      // Stale: move it aside, then make sure what was moved is the stale one (another host
      // may have taken it over meanwhile: that one is put back, and it wins).
      const aside = `${mine}.stale`
      try {
        renameSync(file, aside)
      } catch (error) {
        if (code(error) === 'ENOENT') continue
        throw error
      }
      const moved = holderOf(aside)
      if (moved !== 'gone' && moved !== null && moved !== holder && alive(moved, file)) {
        renameSync(aside, file)
        throw new DataDirLockedError(dataDir, moved, file)
      }
      rmSync(aside, { force: true })
    }
    throw new DataDirLockedError(dataDir, null, file)
  } finally {
    rmSync(mine, { force: true })
  }
}

function held(file: string): DataDirLock {
  let released = false
  return {
    file,
    release() {
      if (released) return
      released = true
      heldHere.delete(file)
      try {
        // Only our own lock: a folder whose lock was deleted and taken by another host keeps it.
        if (holderOf(file) === process.pid) unlinkSync(file)
      } catch {
        // already gone
      }
    },
  }
}
