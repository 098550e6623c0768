import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DataDirLockedError,
  LOCK_FILE,
  lockDataDir,
  type DataDirLock,
} from '../../../../../src/main/core/log/data-dir-lock'

const dataDir = () => mkdtempSync(join(tmpdir(), 'warroom-lock-'))

/** A process that runs until the test ends it, and one that has already exited. */
function liveProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
}
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid!
}

describe('one host per data directory', () => {
  const locks: DataDirLock[] = []
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const lock of locks.splice(0)) lock.release()
    for (const child of children.splice(0)) child.kill()
  })
  const take = (dir: string) => {
    const lock = lockDataDir(dir)
    locks.push(lock)
    return lock
  }

  it('holds a lock file naming this process while the host runs, and removes it on release', () => {
    const dir = dataDir()
    const lock = take(dir)
    expect(lock.file).toBe(join(dir, LOCK_FILE))
    expect(readFileSync(lock.file!, 'utf8').trim()).toBe(String(process.pid))
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    expect(readdirSync(dir)).toEqual([]) // nothing left behind
  })

  it('refuses a second host in the same process, and lets one start once the first stopped', () => {
    const dir = dataDir()
    const first = take(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    first.release()
    expect(take(dir).file).toBe(join(dir, LOCK_FILE))
  })

  it('refuses while another running process holds it, naming the folder and that process', () => {
    const dir = dataDir()
    const other = liveProcess()
    children.push(other)
    writeFileSync(join(dir, LOCK_FILE), `${other.pid}\n`)
    let refusal: unknown
    try {
      take(dir)
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError)
    expect((refusal as DataDirLockedError).pid).toBe(other.pid)
    expect((refusal as Error).message).toContain(`The data directory ${dir} is in use`)
    expect((refusal as Error).message).toContain(`(process ${other.pid})`)
    // The other host's lock is left as it was.
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(other.pid))
  })

  it('takes over a lock left by a process that no longer runs (a crash, kill -9)', async () => {
    const dir = dataDir()
    writeFileSync(join(dir, LOCK_FILE), `${await deadPid()}\n`)
    const lock = take(dir)
    expect(readFileSync(lock.file!, 'utf8').trim()).toBe(String(process.pid))
  })

  it('takes over a lock that names no process (garbled)', () => {
    const dir = dataDir()
    writeFileSync(join(dir, LOCK_FILE), 'not a pid')
    expect(take(dir).file).toBe(join(dir, LOCK_FILE))
  })

  it('takes over a lock naming this process that this process does not hold (a reused pid)', () => {
    const dir = dataDir()
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`)
    expect(take(dir).file).toBe(join(dir, LOCK_FILE))
  })

  it('on release, leaves alone a lock another host took after this one’s was deleted', () => {
    const dir = dataDir()
    const lock = take(dir)
    const other = liveProcess()
    children.push(other)
    writeFileSync(join(dir, LOCK_FILE), `${other.pid}\n`)
    lock.release()
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(other.pid))
  })

  it('holds nothing where the folder cannot be written (the host keeps its log in memory)', () => {
    const lock = take(join(dataDir(), 'missing', 'folder'))
    expect(lock.file).toBeNull()
  })
})
