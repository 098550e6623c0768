/**
 * What the operating system says about a shell, which no program's output can fake: who
 * holds the terminal's foreground, and the shell's working directory. Linux answers through
 * /proc; elsewhere these return 'unknown' / null and the gate falls back to the marks alone.
 */
import { readFileSync, readlinkSync, realpathSync } from 'node:fs'
import type { Foreground } from '../../../shared/commands/gate-model'

/**
 * The terminal's foreground process group (`tpgid`, field 8 of /proc/<pid>/stat) compared
 * with the shell's own: the shell is a session leader, so its process group is its pid.
 */
export function foregroundOf(shellPid: number): Foreground {
  let stat: string
  try {
    stat = readFileSync(`/proc/${shellPid}/stat`, 'latin1')
  } catch {
    return 'unknown'
  }
  // "pid (comm) state ppid pgrp session tty_nr tpgid …"; comm may hold spaces and parens.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const tpgid = Number(fields[5])
  if (!Number.isInteger(tpgid) || tpgid <= 0) return 'unknown'
  return tpgid === shellPid ? 'shell' : 'job'
}

/** The shell's working directory as the kernel knows it (symlinks resolved). */
export function cwdOf(shellPid: number): string | null {
  try {
    return readlinkSync(`/proc/${shellPid}/cwd`)
  } catch {
    return null
  }
}

/** Whether a directory the shell reported is the one the kernel says it is in. */
export function sameDirectory(reported: string, actual: string): boolean {
  if (reported === actual) return true
  try {
    return realpathSync(reported) === actual
  } catch {
    return false
  }
}
