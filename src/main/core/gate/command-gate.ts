import { randomUUID } from 'node:crypto'
import {
  ALLOW_LISTED_TALLY,
  approvalRefusal,
  requirementFor,
  tallyApprovals,
} from '../../../shared/commands/approval-policy'
import {
  DEFAULT_POLICY,
  type ApprovalPolicy,
  type CommandLogEntry,
  type GateSnapshot,
  type Proposal,
  type RosterMember,
} from '../../../shared/commands/gate-model'
import { HostCallError } from '../../../shared/rpc/host-error'
import { createBreakGlass } from './break-glass'
import { describeContextChange, proposalContext, proposalDigest } from './proposal-context'
import { logEntry, newProposal, type LogFields } from './new-proposal'
import type { ShellMark } from './shell-marks'
import { screenKeystrokes, type ScreenedInput } from './shell-input'
import { createShellTracker } from './shell-tracker'

/** Finished, rejected, expired… proposals kept on screen (the record keeps all of them). */
const KEEP_CLOSED = 10
const ACTIVE = new Set<Proposal['status']>(['pending', 'approved', 'running'])
/** Pending or approved: it can still be approved, rejected, voided, expired or run. */
const awaitingRun = (p: Proposal) => p.status === 'pending' || p.status === 'approved'

export interface CommandGateOptions {
  sessionId: string
  /** The only way a command line reaches the pty. */
  writeToShell(data: string): void
  emitSnapshot(snapshot: GateSnapshot): void
  emitLog(entry: CommandLogEntry): void
  now?: () => number
  newId?: () => string
}

type Refs = { proposalId: string; personId: string }

/**
 * The approval gate of one terminal. Every proposal, approval, run and refusal goes
 * through here; the renderer only asks and shows. See DESIGN.md §2.
 */
export function createCommandGate(options: CommandGateOptions) {
  const now = options.now ?? Date.now
  const newId = options.newId ?? randomUUID
  const proposals = new Map<string, Proposal>()
  let incidentId: string | null = null
  let roster: RosterMember[] = []
  let policy: ApprovalPolicy = DEFAULT_POLICY
  const shell = createShellTracker(now)

  const refuse = (message: string): never => {
    throw new HostCallError('refused', message)
  }
  const member = (personId: string) => roster.find((m) => m.personId === personId)
  const person = (personId: string) =>
    member(personId) ?? refuse('only someone on the role board can do that')
  const proposal = (id: string): Proposal => {
    const found = proposals.get(id)
    if (!found) throw new HostCallError('not-found', `no proposal ${id}`)
    return found
  }

  const snapshot = (): GateSnapshot => {
    const all = [...proposals.values()]
    const closed = all.filter((p) => !ACTIVE.has(p.status))
    for (const old of closed.slice(0, -KEEP_CLOSED)) proposals.delete(old.id)
    return {
      sessionId: options.sessionId,
      incidentId,
      activity: shell.activity,
      integrated: shell.integrated,
      context: shell.context,
      policy,
      breakGlass: breakGlass.current,
      proposals: [...proposals.values()],
    }
  }
  const changed = () => options.emitSnapshot(snapshot())

  const log = (kind: CommandLogEntry['kind'], fields: LogFields) => {
    const who = fields.personId ? member(fields.personId) : undefined
    options.emitLog(logEntry(kind, { at: now(), incidentId: incidentId ?? '', who }, fields))
  }
  const breakGlass = createBreakGlass({ now, person, refuse, log })

  const tally = (p: Proposal) =>
    p.allowListed
      ? ALLOW_LISTED_TALLY
      : tallyApprovals(
          requirementFor(policy, p.risk.length > 0),
          p.approvals.map((a) => a.personId),
          roster,
          p.proposerId,
        )

  const close = (p: Proposal, status: Proposal['status'], reason: string | null) => {
    p.status = status
    p.statusReason = reason
  }

  /**
   * Hashes the proposal's exact text in the context the shell reports now: a different
   * hash than the approved one voids its approvals (and the text is never written).
   */
  const voidIfContextChanged = (p: Proposal): boolean => {
    const current = proposalContext(p.text, shell.context, shell.names)
    if (proposalDigest(p.text, current) === p.hash) return false
    const reason = describeContextChange(p.context, current)
    close(p, 'voided', `${reason}; approvals void, propose again`)
    log('voided', { proposal: p, note: p.statusReason })
    return true
  }

  const expireDue = () => {
    let any = false
    for (const p of proposals.values()) {
      if (awaitingRun(p) && now() >= p.expiresAt) {
        close(p, 'expired', `not run within ${policy.expiryMinutes} min`)
        log('expired', { proposal: p })
        any = true
      }
    }
    if (any) changed()
  }

  const finishRun = (exitCode: number | null, note: string | null) => {
    const p = shell.finish(exitCode)
    if (!p) return
    close(p, 'finished', note)
    log('finished', {
      proposal: p,
      exitCode,
      durationMs: p.run?.durationMs ?? null,
      output: p.run?.output ?? null,
      note,
    })
  }

  /** A proposal that can still be approved, rejected or withdrawn; refused otherwise. */
  const awaiting = (id: string, what: string): Proposal => {
    const p = proposal(id)
    if (!awaitingRun(p)) refuse(`this proposal is ${p.status}; ${what}`)
    return p
  }

  const refuseIfContextChanged = (p: Proposal) => {
    if (!voidIfContextChanged(p)) return
    changed()
    refuse(p.statusReason ?? 'context changed')
  }

  const requireHash = (p: Proposal, hash: string) => {
    if (hash !== p.hash) refuse('the command you saw is not the one proposed: look again')
  }

  return {
    snapshot,
    expireDue,

    configure(input: { incidentId: string; roster: RosterMember[]; policy: ApprovalPolicy }) {
      incidentId = input.incidentId
      roster = input.roster
      policy = input.policy
      for (const p of proposals.values()) {
        if (!awaitingRun(p)) continue
        p.tally = tally(p)
        p.status = p.tally.satisfied ? 'approved' : 'pending'
      }
      changed()
      return snapshot()
    },

    propose(input: { text: string; proposerId: string; replaces?: string | undefined }): Proposal {
      expireDue()
      if (!incidentId) refuse('this terminal is not attached to an incident')
      const proposer = person(input.proposerId)
      if (!input.text.trim()) refuse('there is no command to propose')
      if (input.replaces) {
        const old = proposal(input.replaces)
        if (awaitingRun(old)) {
          close(old, 'withdrawn', 'edited: replaced by a new proposal, its approvals are void')
          log('withdrawn', { proposal: old, personId: proposer.personId, note: old.statusReason })
        }
      }
      const p = newProposal({
        id: newId(),
        incidentId: incidentId!,
        text: input.text,
        proposer,
        at: now(),
        policy,
        shell: shell.context,
        names: shell.names,
      })
      p.tally = tally(p)
      proposals.set(p.id, p)
      log('proposed', {
        proposal: p,
        personId: proposer.personId,
        note: p.allowListed ? 'allow-listed read-only command: no approval needed' : null,
      })
      changed()
      return p
    },

    approve(input: Refs & { hash: string; comment?: string | undefined }): Proposal {
      expireDue()
      const p = awaiting(input.proposalId, 'it can no longer be approved')
      requireHash(p, input.hash)
      if (p.blocked) refuse('the command hides characters: clean the text and propose it again')
      const approver = member(input.personId)
      const refusal = approvalRefusal(policy, approver, p.proposerId)
      if (refusal) refuse(refusal)
      if (p.approvals.some((a) => a.personId === input.personId)) {
        refuse(`${approver!.name} has already approved this command`)
      }
      refuseIfContextChanged(p)
      p.approvals.push({
        personId: approver!.personId,
        name: approver!.name,
        at: now(),
        hash: input.hash,
        comment: input.comment?.trim() ?? '',
      })
      p.tally = tally(p)
      if (p.tally.satisfied) p.status = 'approved'
      log('approved', { proposal: p, personId: approver!.personId, note: input.comment || null })
      changed()
      return p
    },

    reject(input: Refs & { hash: string; comment?: string | undefined }): Proposal {
      const p = awaiting(input.proposalId, 'it can no longer be rejected')
      requireHash(p, input.hash)
      const who = person(input.personId)
      const comment = input.comment?.trim() ?? ''
      p.rejection = { personId: who.personId, name: who.name, at: now(), hash: input.hash, comment }
      close(p, 'rejected', comment || null)
      log('rejected', { proposal: p, personId: who.personId, note: comment || null })
      changed()
      return p
    },

    withdraw(input: Refs): Proposal {
      const p = awaiting(input.proposalId, 'there is nothing to withdraw')
      const who = person(input.personId)
      close(p, 'withdrawn', `withdrawn by ${who.name}`)
      log('withdrawn', { proposal: p, personId: who.personId })
      changed()
      return p
    },

    run(input: Refs & { hash: string }): Proposal {
      expireDue()
      const p = proposal(input.proposalId)
      requireHash(p, input.hash)
      const who = person(input.personId)
      if (p.status !== 'approved') {
        refuse(
          p.status === 'pending'
            ? `not approved yet: needs ${p.tally.missing.join(' and ')}`
            : `this proposal is ${p.status}; it can never run`,
        )
      }
      if (shell.busy) refuse('the shell is busy with another command: wait for its prompt')
      // The digest of exactly the bytes to be written, in the context they would run in,
      // must still be the approved hash.
      refuseIfContextChanged(p)
      const bytes = shell.start(p)
      log('started', { proposal: p, personId: who.personId })
      options.writeToShell(bytes)
      if (!shell.integrated) {
        finishRun(null, 'no shell integration: exit code and duration are not known')
      }
      changed()
      return p
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

    /** Raw keystrokes from the terminal view: what may reach the pty, and what may not. */
    screenInput(data: string): ScreenedInput {
      const direct = breakGlass.current !== null
      return screenKeystrokes(data, { direct, atPrompt: shell.atPrompt })
    },

    onMark(mark: ShellMark) {
      const effect = shell.onMark(mark)
      if (effect.finished) finishRun(effect.finished.exitCode, effect.finished.note)
      if (effect.contextChanged) {
        for (const p of proposals.values()) {
          if (awaitingRun(p)) voidIfContextChanged(p)
        }
      }
      changed()
    },

    onOutput(text: string) {
      shell.onOutput(text)
    },

    dispose() {
      if (shell.inFlight) finishRun(null, 'the terminal closed')
    },
  }
}

export type CommandGate = ReturnType<typeof createCommandGate>
