import type {
  CommandLogEntry,
  CommandRun,
  Curtain,
  GateSnapshot,
  Proposal,
} from '../../../shared/commands/gate-model'
import { withPagersOff } from '../../../shared/commands/allow-list'
import {
  finishedWith,
  forScreen,
  isAwaitingRun,
  runRefusal,
  startedAt,
  tallyOf,
} from '../../../shared/commands/proposal-lifecycle'
import type { IncidentRoom } from '../incidents/incident-rooms'
import { createBreakGlass } from './break-glass'
import { createGateCore, type Refs } from './gate-core'
import { createProposalActs } from './proposal-acts'
import type { ShellMark } from './shell-marks'
import {
  CLEAR_LINE_KEY,
  PLAIN_CLEAR_LINE_KEY,
  encodeForShell,
  screenKeystrokes,
  type ScreenedInput,
} from './shell-input'
import type { ShellTracker, TrackerEffect } from './shell-tracker'

export interface CommandGateOptions {
  sessionId: string
  incidentId: string
  /** Who is on the role board, the policy in force, who is at the keyboard: now. */
  room(): IncidentRoom
  shell: ShellTracker
  /** The only way a command line reaches the pty. */
  writeToShell(data: string): void
  emitSnapshot(snapshot: GateSnapshot): void
  emitLog(entry: CommandLogEntry): void
  /** The curtain closed or opened: what the windows are sent follows it. */
  onCurtain?(closed: boolean): void
  now?: () => number
  newId?: () => string
}

/**
 * The room's view is sent at most this often: a burst of acts, or output full of forged
 * marks, costs one snapshot per interval, not one each (a snapshot holds every proposal).
 */
export const SNAPSHOT_COALESCE_MS = 30

const KEYS_REFUSED =
  'the shell is at its prompt: commands are proposed and approved first (or use break-glass)'
/** Said in the record for a command run behind the curtain, in place of its output. */
export const CURTAIN_NOTE = 'output not recorded: it ran behind the curtain (leader’s screen only)'
const KEYS_REFUSED_LOST = 'shell integration lost: keys are refused (Ctrl-C passes)'

/**
 * The approval gate of one terminal. Every proposal, approval, run and refusal goes through
 * here; the rules live in src/shared/commands/proposal-lifecycle.ts, people's acts in
 * proposal-acts.ts; this keeps what touches the shell: runs, raw keys, marks, break-glass
 * and the curtain. See DESIGN.md §2 and §2a.
 */
export function createCommandGate(options: CommandGateOptions) {
  const { shell } = options
  let curtain: Curtain | null = null
  /** When the curtain was closed (`to` null while it still is): the runs it covered. */
  let curtainSpans: Array<{ from: number; to: number | null }> = []
  /** Commands the shell started that the gate did not write (a program typed them in). */
  let unapprovedCommands = 0
  let snapshotTimer: ReturnType<typeof setTimeout> | null = null
  const emitSoon = () => {
    snapshotTimer ??= setTimeout(() => {
      snapshotTimer = null
      options.emitSnapshot(snapshot())
    }, SNAPSHOT_COALESCE_MS)
  }
  const core = createGateCore({
    incidentId: options.incidentId,
    room: options.room,
    shell,
    emitLog: options.emitLog,
    onChanged: emitSoon,
    ...(options.now ? { now: options.now } : {}),
    ...(options.newId ? { newId: options.newId } : {}),
  })
  const { now, room, refuse, person, proposal, save, log, changed, expireDue } = core
  const breakGlass = createBreakGlass({ now, person, refuse, log })
  const acts = createProposalActs(core)

  const behindCurtain = (run: CommandRun) =>
    curtainSpans.some(
      (s) => run.startedAt <= (s.to ?? Infinity) && (run.endedAt ?? Infinity) >= s.from,
    )
  /** The proposal as the room is told of it: a run the curtain covered says so. */
  const withCurtain = (p: Proposal): Proposal =>
    p.run && !p.run.curtained && behindCurtain(p.run)
      ? { ...p, run: { ...p.run, curtained: true } }
      : p

  const snapshot = (): GateSnapshot => {
    const { active, closed } = forScreen(core.all())
    return {
      sessionId: options.sessionId,
      incidentId: options.incidentId,
      activity: shell.activity,
      integration: shell.integration,
      integrated: shell.integration === 'on',
      ready: shell.ready,
      keysPass: breakGlass.current !== null || shell.keysPass,
      forgedMarks: shell.forgedMarks,
      unapprovedCommands,
      context: shell.context,
      policy: room().policy,
      breakGlass: breakGlass.current,
      curtain,
      proposals: [...active, ...closed].map(withCurtain),
    }
  }

  const finishRun = (exitCode: number | null, note: string | null) => {
    const ended = shell.finish()
    if (!ended) return
    const p = finishedWith(ended.proposal, { at: now(), exitCode, note, output: ended.output })
    save(p)
    // The curtain was closed for a secret: the record (timeline, export, postmortem) never
    // holds what the command printed behind it; the leader saw it on their own screen.
    const hidden = behindCurtain(p.run!)
    log('finished', {
      proposal: p,
      exitCode,
      durationMs: p.run?.durationMs ?? null,
      output: hidden ? null : (p.run?.output ?? null),
      note: [note, hidden ? CURTAIN_NOTE : null].filter(Boolean).join('; ') || null,
    })
  }

  const apply = (effect: TrackerEffect) => {
    if (effect.unapproved && !breakGlass.current) {
      unapprovedCommands++
      log('unapproved-command', {
        context: shell.context,
        note: 'the shell started a command the gate did not write (a program typed it into the terminal?)',
      })
    }
    if (effect.finished) finishRun(effect.finished.exitCode, effect.finished.note)
    if (effect.integration === 'lost') {
      log('integration-lost', {
        context: shell.context,
        note: 'no authenticated prompt from the shell: keys refused, exit codes unknown until it is back',
      })
    }
    if (effect.integration === 'restored') log('integration-restored', { context: shell.context })
    if (effect.contextChanged) core.voidAllIfContextChanged()
  }

  return {
    snapshot,
    withCurtain,
    expireDue,

    /** The roster or policy changed: tallies are recomputed (each with its own roster). */
    roomChanged() {
      for (const p of core.all()) {
        if (isAwaitingRun(p)) save({ ...p, tally: tallyOf(p, core.rosters.get(p.id) ?? []) })
      }
      changed()
    },

    ...acts,

    run(input: Refs): Proposal {
      expireDue()
      const p = proposal(input.proposalId)
      if (input.hash !== p.hash) refuse('the command you saw is not the one proposed: look again')
      const refusal = runRefusal(p)
      if (refusal) refuse(refusal)
      if (!shell.ready) refuse(shell.notReadyReason)
      // The digest of exactly these bytes, in the context they would run in, is still the approved one.
      core.refuseIfContextChanged(p)
      const running = startedAt(p, now())
      save(running)
      shell.start(running)
      log('started', { proposal: running, personId: room().operatorId ?? undefined })
      const clearLine = shell.integration === 'on' ? CLEAR_LINE_KEY : PLAIN_CLEAR_LINE_KEY
      // Nobody approved an allow-listed command: it runs with every pager off, so it can
      // never open an interactive pager (where `!cmd` runs anything).
      const line = p.allowListed ? withPagersOff(p.text) : p.text
      const paste = shell.integration === 'on' || (shell.bracketedPaste && line.includes('\n'))
      options.writeToShell(encodeForShell(line, paste, clearLine))
      changed()
      return running
    },

    startBreakGlass(input: { personId: string; reason: string }) {
      breakGlass.start(input)
      changed()
      return snapshot()
    },

    endBreakGlass(input: { personId: string }) {
      breakGlass.end(input)
      changed()
      return snapshot()
    },

    /** Hides the terminal from the room's view, or shows it again (recorded either way). */
    setCurtain(closed: boolean) {
      const operator = room().roster.find((m) => m.personId === room().operatorId)
      if (closed && !curtain) {
        curtain = {
          personId: operator?.personId ?? '',
          name: operator?.name ?? 'the leader',
          since: now(),
        }
        curtainSpans.push({ from: curtain.since, to: null })
        options.onCurtain?.(true)
        log('curtain-closed', {
          personId: operator?.personId,
          note: 'terminal hidden from the room',
        })
      } else if (!closed && curtain) {
        curtain = null
        const at = now()
        // Spans over before every run still kept can cover none of them, nor any later one.
        const oldest = Math.min(at, ...core.all().map((p) => p.run?.startedAt ?? at))
        curtainSpans = curtainSpans
          .map((s) => (s.to === null ? { ...s, to: at } : s))
          .filter((s) => s.to! >= oldest)
        options.onCurtain?.(false)
        log('curtain-opened', {
          personId: operator?.personId,
          note: 'terminal shown to the room again',
        })
      }
      changed()
      return snapshot()
    },

    /** Raw keystrokes from the terminal view: what may reach the pty, and what may not. */
    screenInput(data: string): ScreenedInput {
      const lost = shell.integration === 'lost' || shell.integration === 'none'
      return screenKeystrokes(data, {
        direct: breakGlass.current !== null,
        keysPass: shell.keysPass,
        reason: lost ? KEYS_REFUSED_LOST : KEYS_REFUSED,
      })
    },

    /** A mark from the shell; false when it was not believed (forged, or out of place). */
    onMark(mark: ShellMark | 'forged'): boolean {
      const effect = shell.onMark(mark)
      if (!effect.accepted) {
        emitSoon() // only the forged count changed
        return false
      }
      apply(effect)
      changed()
      return true
    },

    /** Output the shell printed (filtered): kept for the record while a command runs. */
    onOutput(bytes: Uint8Array) {
      shell.onOutput(bytes)
    },

    /** Called every ~100 ms while the shell is watched (see ShellTracker.watching). */
    tick() {
      const effect = shell.tick()
      if (!effect.finished && !effect.integration) return
      apply(effect)
      changed()
    },

    /** An approved command is running (closing the terminal needs a confirmation). */
    get commandRunning() {
      return shell.inFlight !== null
    },

    dispose(reason: string) {
      if (shell.inFlight) finishRun(null, reason)
      if (snapshotTimer) clearTimeout(snapshotTimer)
      snapshotTimer = null
    },
  }
}

export type CommandGate = ReturnType<typeof createCommandGate>
