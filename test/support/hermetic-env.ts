import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Environment for shells started by tests: a fresh HOME, so the developer's own rc files
 * (slow init scripts, locks, prompts) never decide whether a test passes.
 */
export function hermeticShellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'warroom-home-'))
  return {
    ...process.env,
    HOME: home,
    SHELL: '/bin/bash',
    HISTFILE: join(home, '.history'),
    ...extra,
  }
}
