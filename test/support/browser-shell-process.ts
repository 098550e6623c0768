import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const SERVER_ENTRY = resolve(__dirname, '../../out/main/server.js')

export interface RunningShell {
  /** The URL printed by the shell, holding the token. */
  url: string
  origin: string
  port: number
  token: string
  /** HOME of the spawned shells, and where they start: a folder this test owns. */
  home: string
  /** The host's data directory (its gate log): this test's own. */
  dataDir: string
  process: ChildProcess
  /** What the host has printed so far (stdout and stderr, as they came). */
  output(): string
  stop(): Promise<void>
}

export interface StartOptions {
  port?: number
  /** HOME for the spawned shells: a fresh folder keeps prompts and history predictable. */
  home?: string
  /**
   * The host's data directory (gate log, incidents): a fresh one by default, so no test
   * sees another's gate log (or the developer's own, under ~/.local/share/war-room).
   */
  dataDir?: string
  env?: NodeJS.ProcessEnv
}

/** Starts the built browser shell (`out/main/server.js`) and waits for its URL. */
export function startBrowserShellProcess(options: StartOptions = {}): Promise<RunningShell> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'warroom-home-'))
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warroom-data-'))
  const args = [SERVER_ENTRY, '--port', String(options.port ?? 0), '--data-dir', dataDir]
  const child = spawn(process.execPath, args, {
    env: { ...process.env, HOME: home, SHELL: '/bin/bash', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser shell did not start:\n${output}`)),
      15_000,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(output)
      if (!match) return
      clearTimeout(timer)
      const [, url, port, token] = match as unknown as [string, string, string, string]
      resolvePromise({
        url,
        origin: `http://127.0.0.1:${port}`,
        port: Number(port),
        token,
        home,
        dataDir,
        process: child,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser shell exited with ${code}:\n${output}`))
    })
  })
}
