import { homedir, platform } from 'node:os'
import type { AppInfo, EventSink, HostHandlers } from '../../shared/contract'
import { saveFile, type AskSavePath } from './files/save-file'
import { createPtyService } from './terminal/pty-service'
import { createSpareShell } from './terminal/spare-shell'
import { findIntegrationDir } from './terminal/spawn-shell'

export interface HostOptions {
  /** Which shell hosts this core. */
  shellKind: AppInfo['shell']
  version: string
  /** Shell to spawn; defaults to $SHELL, then bash. */
  shell?: string
  /** Where new terminals start; defaults to the home directory. */
  defaultCwd?: string
  env?: NodeJS.ProcessEnv
  /** Shell integration scripts (resources/shell-integration); found by default, null: none. */
  integrationDir?: string | null
  /** The desktop's save dialog (Electron); absent in the browser shell, which downloads. */
  askSavePath?: AskSavePath
}

/** One renderer's view of the host: its own terminals, gone when it goes. */
export interface HostConnection {
  api: HostHandlers
  dispose(): void
  readonly flowPauses: number
}

export interface Host {
  /** A renderer connected (a window loaded, a socket opened); its events go to `emit`. */
  connect(emit: EventSink): HostConnection
  /** Ends every connection and kills every process they started. */
  dispose(): void
  readonly connectionCount: number
  /** Flow-control pauses of every pty so far (benchmarks: pauses per MB). */
  readonly flowPauses: number
}

export function createHost(options: HostOptions): Host {
  const env = options.env ?? process.env
  const shell = options.shell ?? env.SHELL ?? 'bash'
  const defaultCwd = options.defaultCwd ?? homedir()
  const connections = new Set<HostConnection>()
  const integrationDir =
    options.integrationDir === undefined ? findIntegrationDir() : options.integrationDir
  const spare = createSpareShell({ shell, env, integrationDir }, defaultCwd)

  const info: AppInfo = {
    name: 'War Room',
    version: options.version,
    shell: options.shellKind,
    platform: platform(),
    defaultCwd,
    defaultShell: shell,
  }

  return {
    connect(emit) {
      const terminals = createPtyService({ shell, defaultCwd, env, emit, spare, integrationDir })
      const gate = (sessionId: string) => terminals.gate(sessionId)
      const api: HostHandlers = {
        'app.info': async () => info,
        'terminal.create': async (input) => terminals.create(input),
        'terminal.write': async (input) => terminals.write(input),
        'terminal.resize': async (input) => terminals.resize(input),
        'terminal.ack': async (input) => terminals.ack(input),
        'terminal.kill': async (input) => terminals.kill(input),
        'gate.configure': async ({ sessionId, ...input }) => gate(sessionId).configure(input),
        'gate.state': async ({ sessionId }) => gate(sessionId).snapshot(),
        'gate.propose': async ({ sessionId, ...input }) => gate(sessionId).propose(input),
        'gate.approve': async ({ sessionId, ...input }) => gate(sessionId).approve(input),
        'gate.reject': async ({ sessionId, ...input }) => gate(sessionId).reject(input),
        'gate.withdraw': async ({ sessionId, ...input }) => gate(sessionId).withdraw(input),
        'gate.run': async ({ sessionId, ...input }) => gate(sessionId).run(input),
        'gate.breakGlass': async ({ sessionId, ...input }) =>
          gate(sessionId).startBreakGlass(input),
        'gate.endBreakGlass': async ({ sessionId, ...input }) =>
          gate(sessionId).endBreakGlass(input),
        'file.save': async (input) => saveFile(input, options.askSavePath),
      }
      const connection: HostConnection = {
        api,
        get flowPauses() {
          return terminals.flowPauses
        },
        dispose() {
          terminals.disposeAll()
          connections.delete(connection)
        },
      }
      connections.add(connection)
      return connection
    },
    dispose() {
      spare.dispose()
      for (const connection of [...connections]) connection.dispose()
    },
    get connectionCount() {
      return connections.size
    },
    get flowPauses() {
      let pauses = 0
      for (const connection of connections) pauses += connection.flowPauses
      return pauses
    },
  }
}
