/**
 * The shells the host runs, by incident. Bounded: a runaway client cannot start hundreds of
 * shells. A shell lives until it is closed, its incident ends, the host quits or it exits.
 */
import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import type { CommandLogEntry, GateSnapshot } from '../../../shared/commands/gate-model'
import type { RequestInput, TerminalSession as TerminalInfo } from '../../../shared/contract'
import { HostCallError } from '../../../shared/rpc/host-error'
import type { IncidentRooms } from '../incidents/incident-rooms'
import type { SpareShell } from './spare-shell'
import { spawnShell, type ShellSpawnOptions } from './spawn-shell'
import { createTerminalSession, type TerminalSession } from './terminal-session'

/** Live shells per host: a war room needs a few, never hundreds. */
export const MAX_LIVE_TERMINALS = 8

export interface TerminalRegistryOptions extends ShellSpawnOptions {
  defaultCwd: string
  spare?: SpareShell
  rooms: IncidentRooms
  emitSnapshot(snapshot: GateSnapshot): void
  emitLog(entry: CommandLogEntry): void
  /** A shell started or ended: the lists windows show changed. */
  onListChanged(): void
  onExit(info: TerminalInfo, exit: { exitCode: number; signal: number | null }): void
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

export function createTerminalRegistry(options: TerminalRegistryOptions) {
  const sessions = new Map<string, TerminalSession>()
  let endedPauses = 0

  const get = (sessionId: string): TerminalSession => {
    const session = sessions.get(sessionId)
    if (!session) throw new HostCallError('not-found', `no terminal session ${sessionId}`)
    return session
  }

  return {
    get,
    create({ incidentId, cwd, cols, rows }: RequestInput<'terminal.create'>): TerminalInfo {
      if (sessions.size >= MAX_LIVE_TERMINALS) {
        throw new HostCallError(
          'refused',
          `${MAX_LIVE_TERMINALS} shells are already running on this host: close one first`,
        )
      }
      const workingDirectory = cwd ?? options.defaultCwd
      assertDirectory(workingDirectory)
      const taken = options.spare?.take(workingDirectory)
      const shell = taken ?? spawnShell(options, { cwd: workingDirectory, cols, rows })
      if (taken) shell.pty.resize(cols, rows)
      const info: TerminalInfo = {
        sessionId: randomUUID(),
        incidentId,
        pid: shell.pty.pid,
        shell: options.shell,
        cwd: workingDirectory,
        cols,
        rows,
        createdAt: Date.now(),
      }
      const session = createTerminalSession({
        info,
        pty: shell.pty,
        nonce: shell.nonce,
        handoff: shell.handoff,
        pending: taken?.pending ?? [],
        room: () => options.rooms.get(incidentId),
        emitSnapshot: options.emitSnapshot,
        emitLog: options.emitLog,
        onExit: (exit) => {
          endedPauses += session.pauseCount
          sessions.delete(info.sessionId)
          options.onExit(info, exit)
          options.onListChanged()
        },
      })
      sessions.set(info.sessionId, session)
      options.onListChanged()
      return info
    },
    list(): TerminalInfo[] {
      return [...sessions.values()].map((s) => ({ ...s.info }))
    },
    forIncident(incidentId: string): TerminalSession[] {
      return [...sessions.values()].filter((s) => s.info.incidentId === incidentId)
    },
    /** Shells with an approved command running right now. */
    get runningCommands(): number {
      return [...sessions.values()].filter((s) => s.gate.commandRunning).length
    },
    /** Ends every shell (the host quits): running commands are recorded as ended by it. */
    disposeAll(reason: string) {
      for (const session of sessions.values()) session.end(true, reason)
    },
    get size() {
      return sessions.size
    },
    get flowPauses() {
      let pauses = endedPauses
      for (const session of sessions.values()) pauses += session.pauseCount
      return pauses
    },
  }
}

export type TerminalRegistry = ReturnType<typeof createTerminalRegistry>
