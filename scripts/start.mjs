// `npm start`: build, then launch the Electron shell; when no Electron binary can be had
// (its npm package downloads it on first launch, which needs the network and Node >= 22.12),
// say so in one line and start the browser shell instead.
import { spawn, spawnSync } from 'node:child_process'

const binLookupTimeoutMs = 120_000

function build() {
  const result = spawnSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
    {
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** Resolves the Electron binary in a child (requiring `electron` may try a download). */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: binLookupTimeoutMs,
  })
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout }
  const lines = `${probe.stderr ?? ''}`.split('\n').map((l) => l.trim())
  const cause = lines.find((l) => /Error|failed/i.test(l)) ?? 'download failed'
  const [major, minor] = process.versions.node.split('.').map(Number)
  const oldNode = major < 22 || (major === 22 && minor < 12)
  const note = oldNode ? `; its downloader needs Node >= 22.12, this is ${process.version}` : ''
  return { error: cause.slice(0, 160) + note }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

build()
const electron = electronBinary()
if (electron.path) {
  run(electron.path, ['.'])
} else {
  console.log(
    `Electron binary not available (${electron.error}); starting the browser shell instead.`,
  )
  run(process.execPath, ['out/main/server.js', ...process.argv.slice(2)])
}
