/**
 * Shared set-up for the adversarial review (test/unit/main/review/): the real host with a
 * real bash or zsh (test/support/host-harness.ts), a guarded shell at its first clean
 * prompt, and helpers to run approved commands the way a room would (Bob proposes, Carol
 * approves aloud, the leader runs).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { vi } from 'vitest'
import { startHost, type HostHarness } from '../../../support/host-harness'

export const SHELLS = [
  { name: 'bash', path: '/bin/bash', rc: '.bashrc' },
  { name: 'zsh', path: '/usr/bin/zsh', rc: '.zshrc' },
].filter((s) => existsSync(s.path))

export type ShellKind = (typeof SHELLS)[number]

export const ESC = '\u001b'
export const BEL = '\u0007'

/** Whether this kernel still lets a process push bytes into its terminal's input (TIOCSTI). */
export function legacyTiocsti(): boolean {
  try {
    return readFileSync('/proc/sys/dev/tty/legacy_tiocsti', 'utf8').trim() === '1'
  } catch {
    // Kernels before 6.2 have no switch: TIOCSTI is allowed.
    return true
  }
}

/** Whether a program an attack script needs (perl, python3) is installed. */
export function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Whether a process may read its parent's memory through /proc/<ppid>/mem here: same user
 * and no Yama restriction (Debian's default), or root.
 */
export function ptraceParentAllowed(): boolean {
  if (process.getuid?.() === 0) return true
  try {
    return readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8').trim() === '0'
  } catch {
    return true // no Yama: classic same-user ptrace rules
  }
}

export async function guardedShell(
  shell: ShellKind,
  options: Parameters<typeof startHost>[0] = {},
) {
  const h: HostHarness = startHost({ shellPath: shell.path, ...options })
  // One approval for every command, risky ones too (`. ./team-env.sh`, `exec > …`): the
  // attacks are about what an approved command can do, not how many people approve it.
  await h.configure({ riskyExtra: 0 })
  const sessionId = await h.shell()
  const state = () => h.leader.call('gate.state', { sessionId })
  const write = (data: string) => h.leader.call('terminal.write', { sessionId, data })
  const file = (name: string) => join(h.workDir, name)
  const put = (name: string, content: string, mode = 0o644) =>
    writeFileSync(file(name), content, { mode })
  /** Bob proposes, Carol approves aloud, the leader runs; waits for its end and the next prompt. */
  const runToEnd = async (text: string, timeout = 15_000) => {
    await h.ready(sessionId)
    const p = await h.runApproved(sessionId, text)
    const entry = await h.finished(p.id, h.leader, timeout)
    await h.ready(sessionId)
    return entry
  }
  const waitFor = <T>(check: () => T | Promise<T>, timeout = 10_000) =>
    vi.waitFor(check, { timeout, interval: 25 })
  return { h, sessionId, state, write, file, put, runToEnd, waitFor }
}

export type Guarded = Awaited<ReturnType<typeof guardedShell>>

/**
 * Polls until `check` holds or `timeoutMs` passes, and says whether it held: an attack is
 * given time to land on a busy machine, and a fixed build only waits the timeout out.
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 8_000,
): Promise<boolean> {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() > until) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
