/**
 * One shell the host runs for an incident: the pty, the output filter, the gate, batching,
 * the replay buffer and every window showing it. It belongs to the host, not to a window:
 * windows attach and detach; it ends only when it is closed, its incident ends, the host
 * quits, or the shell exits.
 */
import type { IPty } from 'node-pty'
import type { CommandLogEntry, GateSnapshot } from '../../../shared/commands/gate-model'
import type { TerminalSession as TerminalInfo } from '../../../shared/contract'
import { HostCallError } from '../../../shared/rpc/host-error'
import { createCommandGate, type CommandGate } from '../gate/command-gate'
import { firstKeys, takeHandoff } from '../gate/mark-keys'
import { readMark } from '../gate/shell-marks'
import { createShellTracker } from '../gate/shell-tracker'
import type { IncidentRoom } from '../incidents/incident-rooms'
import { createOutputFilter } from '../../../shared/terminal/output-filter'
import { createOutputBatcher } from './output-batcher'
import { createOutputFanout, type OutputSubscriber } from './output-fanout'
import { cwdOf, foregroundOf, sameDirectory } from './os-facts'
import { createReplayBuffer } from './replay-buffer'

/** After SIGHUP, a shell that has not exited within this time gets SIGKILL. */
const KILL_GRACE_MS = 2_000
/** How often pending proposals are checked for expiry. */
const EXPIRY_SWEEP_MS = 1_000
/** How often the foreground is looked at while a command is in flight (integration lost, ended). */
const FOREGROUND_POLL_MS = 100

export interface TerminalSessionOptions {
  info: TerminalInfo
  pty: IPty
  /** The shell's integration nonce (null: no integration). */
  nonce: string | null
  /** Where the integration hands over the next keys at each prompt (see mark-keys.ts). */
  handoff: string | null
  /** What the shell printed before the session took it (a spare shell's prompt). */
  pending?: Uint8Array[]
  room(): IncidentRoom
  emitSnapshot(snapshot: GateSnapshot): void
  emitLog(entry: CommandLogEntry): void
  onExit(exit: { exitCode: number; signal: number | null }): void
}

export function createTerminalSession(options: TerminalSessionOptions) {
  const { info, pty } = options
  let exited = false
  let keys = firstKeys(options.nonce)
  const replay = createReplayBuffer()
  const fanout = createOutputFanout({
    replay,
    pause: () => pty.pause(),
    resume: () => pty.resume(),
  })
  const batcher = createOutputBatcher({ send: (batch) => fanout.push(batch) })
  /** Something was written into the shell: its answer is read and sent without delay. */
  const inputSent = () => {
    fanout.noteInput()
    batcher.noteInput()
  }
  const shell = createShellTracker({
    now: Date.now,
    integrated: options.nonce !== null,
    facts: {
      foreground: () => foregroundOf(pty.pid),
      cwd: () => cwdOf(pty.pid),
      sameDirectory,
    },
  })
  const gate: CommandGate = createCommandGate({
    sessionId: info.sessionId,
    incidentId: info.incidentId,
    room: options.room,
    shell,
    writeToShell: (data) => {
      inputSent()
      pty.write(data)
    },
    // Output printed before a mark reaches the screen before what the mark caused.
    emitSnapshot: (snapshot) => {
      batcher.flush()
      options.emitSnapshot(snapshot)
    },
    emitLog: (entry) => {
      batcher.flush()
      options.emitLog(entry)
    },
    // What was printed before the curtain closed is shown to all; what follows is not.
    onCurtain: (closed) => {
      batcher.flush()
      fanout.setCurtain(closed)
    },
  })
  const filter = createOutputFilter({
    onVisible: (bytes) => {
      gate.onOutput(bytes)
      batcher.push(bytes)
    },
    onMark: (ident, body) => {
      let mark = readMark(ident, body, keys)
      // The shell signs with fresh keys from each prompt on, handed over out of band: a
      // prompt whose keys cannot be taken is not believed (the gate then fails closed).
      const next =
        mark !== 'forged' && mark.type === 'prompt' && mark.seq !== null && options.handoff
          ? takeHandoff(options.handoff, mark.seq)
          : null
      if (mark !== 'forged' && mark.type === 'prompt' && !next) mark = 'forged'
      if (gate.onMark(mark) && next) keys = next
    },
    onBracketedPaste: (on) => shell.onBracketedPaste(on),
  })

  const sweep = setInterval(() => gate.expireDue(), EXPIRY_SWEEP_MS)
  sweep.unref()
  const poll = setInterval(() => {
    if (shell.watching) gate.tick()
  }, FOREGROUND_POLL_MS)
  poll.unref()

  for (const chunk of options.pending ?? []) filter.push(chunk)
  pty.onData((data) => filter.push(typeof data === 'string' ? Buffer.from(data) : data))
  pty.onExit(({ exitCode, signal }) => {
    exited = true
    clearInterval(sweep)
    clearInterval(poll)
    gate.dispose('the shell exited')
    batcher.dispose()
    options.onExit({ exitCode, signal: signal ?? null })
  })

  const terminate = () => {
    if (exited) return
    try {
      pty.kill('SIGHUP')
    } catch {
      // already gone
    }
    setTimeout(() => {
      if (exited) return
      try {
        process.kill(pty.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }, KILL_GRACE_MS).unref()
  }

  return {
    info,
    gate,
    get exited() {
      return exited
    },
    attach(subscriber: OutputSubscriber) {
      batcher.flush()
      fanout.add(subscriber)
    },
    detach(subscriberId: string) {
      fanout.remove(subscriberId)
    },
    isAttached(subscriberId: string) {
      return fanout.has(subscriberId)
    },
    ack(subscriberId: string, bytes: number) {
      fanout.ack(subscriberId, bytes)
    },
    /** Keystrokes from the leader's terminal view, screened by the gate. */
    write(data: string) {
      const screened = gate.screenInput(data)
      if (screened.pass) {
        inputSent()
        pty.write(screened.pass)
      }
      return { refused: screened.refused, reason: screened.reason }
    },
    resize(cols: number, rows: number) {
      try {
        pty.resize(cols, rows)
        info.cols = cols
        info.rows = rows
      } catch {
        // resizing a pty whose process just exited throws; the exit event follows
      }
    },
    /** Ends the shell; refused while an approved command runs unless forced (asked first). */
    end(force: boolean, reason: string) {
      if (gate.commandRunning && !force) {
        throw new HostCallError(
          'confirm',
          'an approved command is still running in this terminal: end it anyway?',
        )
      }
      gate.dispose(reason)
      terminate()
    },
    get pauseCount() {
      return fanout.pauseCount
    },
  }
}

export type TerminalSession = ReturnType<typeof createTerminalSession>
