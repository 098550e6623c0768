import { randomUUID } from 'node:crypto'
import type {
  CommandLogEntry,
  Curtain,
  GateSnapshot,
  Proposal,
  RosterMember,
} from '../../../shared/commands/gate-model'
import {
  approvalRefusalFor,
  closedAs,
  finishedWith,
  forScreen,
  isAwaitingRun,
  isDue,
  prunable,
  rejectedBy,
  runRefusal,
  startedAt,
  tallyOf,
  withApproval,
} from '../../../shared/commands/proposal-lifecycle'
import { withPagersOff } from '../../../shared/commands/allow-list'
import { HostCallError } from '../../../shared/rpc/host-error'
import type { IncidentRoom } from '../incidents/incident-rooms'
import { createBreakGlass } from './break-glass'
import { actingAs, checkedSignature, memberFor, type GateActor } from './gate-actor'
import { logEntry, newProposal, type LogFields } from './new-proposal'
import { describeContextChange, proposalContext, proposalDigest } from './proposal-context'
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
  now?: () => number
  newId?: () => string
}

type Refs = { proposalId: string; hash: string }
const KEYS_REFUSED =
  'the shell is at its prompt: commands are proposed and approved first (or use break-glass)'
const KEYS_REFUSED_LOST =
  'shell integration lost: keys are refused (approved commands still run; Ctrl-C passes)'

/**
 * The approval gate of one terminal. Every proposal, approval, run and refusal goes through
 * here; the rules live in src/shared/commands/proposal-lifecycle.ts, this keeps the log,
 * the events and the writes into the pty. See DESIGN.md §2 and §2a.
 */
export function createCommandGate(options: CommandGateOptions) {
  const now = options.now ?? Date.now
  const newId = options.newId ?? randomUUID
  const { shell, incidentId } = options
  const proposals = new Map<string, Proposal>()
  /** The role board as it was when each proposal was made: its tally uses that one. */
  const rosters = new Map<string, RosterMember[]>()
  let curtain: Curtain | null = null

  const refuse = (message: string): never => {
    throw new HostCallError('refused', message)
  }
  const room = () => options.room()
  const person = (personId: string) =>
    room().roster.find((m) => m.personId === personId) ??
    refuse('only someone on the role board can do that')
  const proposal = (id: string): Proposal =>
    proposals.get(id) ??
    (() => {
      throw new HostCallError('not-found', `no proposal ${id}`)
    })()
  const save = (p: Proposal) => proposals.set(p.id, p)

  const snapshot = (): GateSnapshot => {
    const { active, closed } = forScreen([...proposals.values()])
    return {
      sessionId: options.sessionId,
      incidentId,
      activity: shell.activity,
      integration: shell.integration,
      integrated: shell.integration === 'on',
      ready: shell.ready,
      keysPass: breakGlass.current !== null || shell.keysPass,
      forgedMarks: shell.forgedMarks,
      context: shell.context,
      policy: room().policy,
      breakGlass: breakGlass.current,
      curtain,
      proposals: [...active, ...closed],
    }
  }
  const changed = () => {
    for (const id of prunable([...proposals.values()])) {
      proposals.delete(id)
      rosters.delete(id)
    }
    options.emitSnapshot(snapshot())
  }

  const log = (kind: CommandLogEntry['kind'], fields: LogFields) => {
    const who = fields.personId
      ? room().roster.find((m) => m.personId === fields.personId)
      : undefined
    options.emitLog(logEntry(kind, { at: now(), incidentId, who }, fields))
  }
  const breakGlass = createBreakGlass({ now, person, refuse, log })

  /** Hashes the text in the context the shell reports now; another hash voids approvals. */
  const voidIfContextChanged = (p: Proposal): boolean => {
    const current = proposalContext(p.text, shell.context, shell.names)
    if (proposalDigest(p.text, current) === p.hash) return false
    const voided = closedAs(
      p,
      'voided',
      `${describeContextChange(p.context, current)}; approvals void, propose again`,
    )
    save(voided)
    log('voided', { proposal: voided, note: voided.statusReason })
    return true
  }
  const refuseIfContextChanged = (p: Proposal) => {
    if (!voidIfContextChanged(p)) return
    changed()
    refuse(proposal(p.id).statusReason ?? 'context changed')
  }
  const awaiting = (refs: Refs, what: string): Proposal => {
    const p = proposal(refs.proposalId)
    if (!isAwaitingRun(p)) refuse(`this proposal is ${p.status}; ${what}`)
    if (refs.hash !== p.hash) refuse('the command you saw is not the one proposed: look again')
    return p
  }

  const expireDue = () => {
    const due = [...proposals.values()].filter((p) => isDue(p, now()))
    for (const p of due) {
      const expired = closedAs(p, 'expired', `not run within ${p.policy.expiryMinutes} min`)
      save(expired)
      log('expired', { proposal: expired })
    }
    if (due.length) changed()
  }

  const finishRun = (exitCode: number | null, note: string | null) => {
    const ended = shell.finish()
    if (!ended) return
    const p = finishedWith(ended.proposal, { at: now(), exitCode, note, output: ended.output })
    save(p)
    log('finished', {
      proposal: p,
      exitCode,
      durationMs: p.run?.durationMs ?? null,
      output: p.run?.output ?? null,
      note,
    })
  }

  const apply = (effect: TrackerEffect) => {
    if (effect.finished) finishRun(effect.finished.exitCode, effect.finished.note)
    if (effect.integration === 'lost') {
      log('integration-lost', {
        context: shell.context,
        note: 'no authenticated prompt from the shell: keys refused, exit codes unknown until it is back',
      })
    }
    if (effect.integration === 'restored') log('integration-restored', { context: shell.context })
    if (effect.contextChanged) {
      for (const p of proposals.values()) if (isAwaitingRun(p)) voidIfContextChanged(p)
    }
  }

  return {
    snapshot,
    expireDue,

    /** The roster or policy changed: tallies are recomputed (each with its own roster). */
    roomChanged() {
      for (const p of proposals.values()) {
        if (isAwaitingRun(p)) save({ ...p, tally: tallyOf(p, rosters.get(p.id) ?? []) })
      }
      changed()
    },

    propose(
      actor: GateActor,
      input: { text: string; proposerId?: string | undefined; replaces?: string | undefined },
    ): Proposal {
      expireDue()
      const as = actingAs(actor, room(), input.proposerId, refuse)
      const proposer = person(as.personId)
      if (!input.text.trim()) refuse('there is no command to propose')
      if (input.replaces) {
        const old = proposal(input.replaces)
        if (actor.kind === 'participant' && old.proposerId !== as.personId) {
          refuse('only its proposer or the leader can edit a proposal')
        }
        if (isAwaitingRun(old)) {
          const withdrawn = closedAs(
            old,
            'withdrawn',
            'edited: replaced by a new proposal, its approvals are void',
          )
          save(withdrawn)
          log('withdrawn', {
            proposal: withdrawn,
            personId: proposer.personId,
            note: withdrawn.statusReason,
          })
        }
      }
      const { roster, policy } = room()
      const fresh = newProposal({
        id: newId(),
        incidentId,
        text: input.text,
        proposer,
        proposedVia: as.via,
        at: now(),
        policy,
        shell: shell.context,
        names: shell.names,
      })
      rosters.set(fresh.id, roster)
      const p = { ...fresh, tally: tallyOf(fresh, roster) }
      save(p)
      log('proposed', {
        proposal: p,
        personId: proposer.personId,
        note: p.allowListed ? 'allow-listed read-only command: no approval needed' : null,
      })
      changed()
      return p
    },

    async approve(
      actor: GateActor,
      input: Refs & {
        comment?: string | undefined
        onBehalfOf?: string | undefined
        signature?: { signedAt: number; value: string } | undefined
      },
    ): Promise<Proposal> {
      expireDue()
      const seen = awaiting(input, 'it can no longer be approved')
      const as = actingAs(actor, room(), input.onBehalfOf, refuse)
      const signature = await checkedSignature(actor, seen, input.signature, now(), refuse)
      // Verifying took a moment: decide on the proposal as it is now.
      const p = awaiting(input, 'it can no longer be approved')
      const roster = rosters.get(p.id) ?? []
      const approver = memberFor(as.personId, roster, room().roster)
      const refusal = approvalRefusalFor(p, approver, as.via)
      if (refusal) refuse(refusal)
      refuseIfContextChanged(p)
      const approval = {
        personId: approver!.personId,
        name: approver!.name,
        at: now(),
        hash: input.hash,
        comment: input.comment?.trim() ?? '',
        via: as.via,
        recordedBy: as.recordedBy,
        signature,
      }
      const approved = withApproval(p, approval, roster)
      save(approved)
      log('approved', {
        proposal: approved,
        personId: approver!.personId,
        approval,
        note: approval.comment || null,
      })
      changed()
      return approved
    },

    reject(
      actor: GateActor,
      input: Refs & { comment?: string | undefined; onBehalfOf?: string | undefined },
    ): Proposal {
      const p = awaiting(input, 'it can no longer be rejected')
      const as = actingAs(actor, room(), input.onBehalfOf, refuse)
      const who = person(as.personId)
      const comment = input.comment?.trim() ?? ''
      const rejected = rejectedBy(p, {
        personId: who.personId,
        name: who.name,
        at: now(),
        hash: input.hash,
        comment,
        via: as.via,
        recordedBy: as.recordedBy,
        signature: null,
      })
      save(rejected)
      log('rejected', { proposal: rejected, personId: who.personId, note: comment || null })
      changed()
      return rejected
    },

    withdraw(actor: GateActor, input: { proposalId: string }): Proposal {
      const p = proposal(input.proposalId)
      if (!isAwaitingRun(p)) refuse(`this proposal is ${p.status}; there is nothing to withdraw`)
      const as = actingAs(actor, room(), undefined, refuse)
      if (actor.kind === 'participant' && p.proposerId !== as.personId) {
        refuse('only its proposer or the leader can withdraw a proposal')
      }
      const who = person(as.personId)
      const withdrawn = closedAs(p, 'withdrawn', `withdrawn by ${who.name}`)
      save(withdrawn)
      log('withdrawn', { proposal: withdrawn, personId: who.personId })
      changed()
      return withdrawn
    },

    run(input: Refs): Proposal {
      expireDue()
      const p = proposal(input.proposalId)
      if (input.hash !== p.hash) refuse('the command you saw is not the one proposed: look again')
      const refusal = runRefusal(p)
      if (refusal) refuse(refusal)
      if (!shell.ready) refuse(shell.notReadyReason)
      // The digest of exactly these bytes, in the context they would run in, is still the approved one.
      refuseIfContextChanged(p)
      const running = startedAt(p, now())
      save(running)
      shell.start(running)
      log('started', { proposal: running, personId: room().operatorId ?? undefined })
      const clearLine = shell.integration === 'on' ? CLEAR_LINE_KEY : PLAIN_CLEAR_LINE_KEY
      // Nobody approved an allow-listed command: it runs with every pager off, so it can
      // never open an interactive pager (where `!cmd` runs anything).
      const line = p.allowListed ? withPagersOff(p.text) : p.text
      options.writeToShell(encodeForShell(line, shell.bracketedPaste, clearLine))
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
        log('curtain-closed', {
          personId: operator?.personId,
          note: 'terminal hidden from the room',
        })
      } else if (!closed && curtain) {
        curtain = null
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

    onMark(mark: ShellMark | 'forged') {
      apply(shell.onMark(mark))
      changed()
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
    },
  }
}

export type CommandGate = ReturnType<typeof createCommandGate>
