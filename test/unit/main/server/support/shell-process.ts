import { spawn } from 'node:child_process'
import { join } from 'node:path'

export interface ShellProcess {
  port: number
  token: string
  /** True while the process has neither exited nor been killed by a signal. */
  alive(): boolean
  /** What the process printed on stderr (an uncaught exception's stack, if any). */
  stderr(): string
  stop(): Promise<void>
}

const CHILD = join(__dirname, 'shell-child.ts')
/** tsx compiles the child on the fly: a cold start takes a second or two on this machine. */
const START_DEADLINE_MS = 15_000

/** Starts the real browser shell (real host) in a child process of its own. */
export function startShellProcess(): Promise<ShellProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: join(__dirname, '../../../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`browser shell child did not start:\n${stderr}`))
    }, START_DEADLINE_MS)
    child.once('exit', (code) => {
      clearTimeout(deadline)
      reject(new Error(`browser shell child exited (${code}) before listening:\n${stderr}`))
    })
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString()
      const line = stdout.split('\n')[0]
      if (!stdout.includes('\n') || line === undefined) return
      clearTimeout(deadline)
      const { port, token } = JSON.parse(line) as { port: number; token: string }
      resolve({
        port,
        token,
        alive: () => child.exitCode === null && child.signalCode === null,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}
