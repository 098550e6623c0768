/**
 * Makes sure the browser tests have a Chromium: the env var, the system's, Playwright's
 * own, or (running as root on Debian) installs Debian's `chromium` package, saying so.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findChromium, NO_CHROMIUM_MESSAGE } from '../test/support/chromium'

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0
}

const found = findChromium()
if (found) {
  console.log(`Browser tests use ${found.source}: ${found.path}`)
  process.exit(0)
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log("No Chromium found: installing Debian's chromium package with apt-get (as root)…")
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const ok =
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env }).status ===
      0
  const after = ok ? findChromium() : null
  if (after) {
    console.log(`Installed: ${after.path}`)
    process.exit(0)
  }
  console.error('Installing chromium with apt-get failed.')
} else if (!isRoot && run('sh', ['-c', 'command -v apt-get >/dev/null'])) {
  console.error('Not running as root, so Chromium cannot be installed automatically.')
}
console.error(NO_CHROMIUM_MESSAGE)
process.exit(1)
