import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import type { IPty } from 'node-pty'
import type {
  EventSink,
  RequestInput,
  RequestOutput,
  TerminalSession,
} from '../../../shared/contract'
import { HostCallError } from '../../../shared/rpc/host-error'
import { createCommandGate, type CommandGate } from '../gate/command-gate'
import { createOutputFilter } from '../gate/output-filter'
import { createOutputPump, type OutputPump } from './output-pump'
import type { SpareShell } from './spare-shell'
import { spawnShell, type ShellSpawnOptions } from './spawn-shell'

/** After SIGHUP, a shell that has not exited within this time gets SIGKILL. */
const KILL_GRACE_MS = 2_000
/** How often pending proposals are checked for expiry. */
const EXPIRY_SWEEP_MS = 1_000

export interface PtyServiceOptions extends ShellSpawnOptions {
  defaultCwd: string
  emit: EventSink
  /** A shell started ahead of time, taken by the first terminal in the default directory. */
  spare?: SpareShell
}

interface PtySession {
  info: TerminalSession
  pty: IPty
  pump: OutputPump
  gate: CommandGate
  exited: boolean
}

export interface PtyService {
  create(input: RequestInput<'terminal.create'>): TerminalSession
  write(input: RequestInput<'terminal.write'>): RequestOutput<'terminal.write'>
  /** The approval gate of one session: the only writer of command lines. */
  gate(sessionId: string): CommandGate
  resize(input: RequestInput<'terminal.resize'>): void
  ack(input: RequestInput<'terminal.ack'>): void
  kill(input: RequestInput<'terminal.kill'>): void
  /** Kills every session this service started (window closed, socket gone). */
  disposeAll(): void
  readonly sessionCount: number
  /** Times flow control paused a pty of this service (for benchmarks and diagnostics). */
  readonly flowPauses: number
}

function assertDirectory(cwd: string): void {
  let isDirectory: boolean
  try {
    isDirectory = statSync(cwd).isDirectory()
  } catch {
    isDirectory = false
  }
  if (!isDirectory) throw new HostCallError('bad-request', `not a directory: ${cwd}`)
}

export function createPtyService(options: PtyServiceOptions): PtyService {
  const sessions = new Map<string, PtySession>()
  let endedPauses = 0

  const get = (sessionId: string): PtySession => {
    const session = sessions.get(sessionId)
    if (!session) throw new HostCallError('not-found', `no terminal session ${sessionId}`)
    return session
  }

  const terminate = (session: PtySession) => {
    if (session.exited) return
    try {
      session.pty.kill('SIGHUP')
    } catch {
      // already gone
    }
    const pid = session.info.pid
    setTimeout(() => {
      if (!session.exited) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }, KILL_GRACE_MS).unref()
  }

  return {
    create({ cwd, cols, rows }) {
      const workingDirectory = cwd ?? options.defaultCwd
      assertDirectory(workingDirectory)
      const taken = options.spare?.take(workingDirectory)
      const pty = taken?.pty ?? spawnShell(options, { cwd: workingDirectory, cols, rows })
      if (taken) pty.resize(cols, rows)
      const info: TerminalSession = {
        sessionId: randomUUID(),
        pid: pty.pid,
        shell: options.shell,
        cwd: workingDirectory,
      }
      const pump = createOutputPump({
        send: (data) => options.emit('terminal.data', { sessionId: info.sessionId, data }),
        pause: () => pty.pause(),
        resume: () => pty.resume(),
      })
      const gate = createCommandGate({
        sessionId: info.sessionId,
        writeToShell: (data) => {
          pump.noteInput()
          pty.write(data)
        },
        // Output printed before a mark reaches the screen before what the mark caused.
        emitSnapshot: (snapshot) => {
          pump.flush()
          options.emit('gate.snapshot', snapshot)
        },
        emitLog: (entry) => {
          pump.flush()
          options.emit('gate.log', { sessionId: info.sessionId, entry })
        },
      })
      const filter = createOutputFilter({
        onText: (visible) => {
          gate.onOutput(visible)
          pump.push(visible)
        },
        onMark: (mark) => gate.onMark(mark),
      })
      const show = (data: string) => filter.filter(data)
      const sweep = setInterval(() => gate.expireDue(), EXPIRY_SWEEP_MS)
      sweep.unref()
      const session: PtySession = { info, pty, pump, gate, exited: false }
      sessions.set(info.sessionId, session)
      if (taken?.pending) show(taken.pending)
      pty.onData(show)
      pty.onExit(({ exitCode, signal }) => {
        session.exited = true
        clearInterval(sweep)
        endedPauses += pump.pauseCount
        gate.dispose()
        pump.dispose()
        sessions.delete(info.sessionId)
        options.emit('terminal.exit', {
          sessionId: info.sessionId,
          exitCode,
          signal: signal ?? null,
        })
      })
      return info
    },
    write({ sessionId, data }) {
      const session = get(sessionId)
      const screened = session.gate.screenInput(data)
      if (screened.pass) {
        session.pump.noteInput()
        session.pty.write(screened.pass)
      }
      return { refused: screened.refused, reason: screened.reason }
    },
    gate(sessionId) {
      return get(sessionId).gate
    },
    resize({ sessionId, cols, rows }) {
      const session = get(sessionId)
      try {
        session.pty.resize(cols, rows)
      } catch {
        // resizing a pty whose process just exited throws; the exit event follows
      }
    },
    ack({ sessionId, chars }) {
      sessions.get(sessionId)?.pump.ack(chars)
    },
    kill({ sessionId }) {
      terminate(get(sessionId))
    },
    disposeAll() {
      for (const session of sessions.values()) terminate(session)
    },
    get sessionCount() {
      return sessions.size
    },
    get flowPauses() {
      let pauses = endedPauses
      for (const session of sessions.values()) pauses += session.pump.pauseCount
      return pauses
    },
  }
}
