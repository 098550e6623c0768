import { readdirSync, readFileSync } from 'node:fs'

/**
 * Kills Chromium without warning (no pagehide, no unload, no flush): SIGKILL to the process
 * group Playwright started it in, found by the test's own profile directory.
 */
export function killBrowser(profileDir: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline: string
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue
    }
    const args = cmdline.split('\0')
    if (
      args.includes(`--user-data-dir=${profileDir}`) &&
      !args.some((a) => a.startsWith('--type='))
    ) {
      process.kill(-Number(pid), 'SIGKILL')
      return
    }
  }
  throw new Error(`no Chromium found for ${profileDir}`)
}
