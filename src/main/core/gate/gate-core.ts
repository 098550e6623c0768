/**
 * The state one terminal's gate keeps and the few operations every act needs: its
 * proposals (with the role board each was made under), logging, telling the room, and the
 * checks that refuse an act on a proposal that can no longer take it.
 */
import { randomUUID } from 'node:crypto'
import type { CommandLogEntry, Proposal, RosterMember } from '../../../shared/commands/gate-model'
import {
  closedAs,
  isAwaitingRun,
  isDue,
  prunable,
} from '../../../shared/commands/proposal-lifecycle'
import { HostCallError } from '../../../shared/rpc/host-error'
import type { IncidentRoom } from '../incidents/incident-rooms'
import { logEntry, type LogFields } from './new-proposal'
import { describeContextChange, proposalContext, proposalDigest } from './proposal-context'
import type { ShellTracker } from './shell-tracker'

export type Refs = { proposalId: string; hash: string }

export interface GateCoreOptions {
  incidentId: string
  room(): IncidentRoom
  shell: ShellTracker
  emitLog(entry: CommandLogEntry): void
  /** The room's view changed (called after pruning what the screen no longer keeps). */
  onChanged(): void
  now?: () => number
  newId?: () => string
}

export function createGateCore(options: GateCoreOptions) {
  const now = options.now ?? Date.now
  const newId = options.newId ?? randomUUID
  const { incidentId, shell } = options
  const proposals = new Map<string, Proposal>()
  /** The role board as it was when each proposal was made: its tally uses that one. */
  const rosters = new Map<string, RosterMember[]>()

  const refuse = (message: string): never => {
    throw new HostCallError('refused', message)
  }
  const room = () => options.room()
  const person = (personId: string) =>
    room().roster.find((m) => m.personId === personId) ??
    refuse('only someone on the role board can do that')
  const proposal = (id: string): Proposal => {
    const found = proposals.get(id)
    if (!found) throw new HostCallError('not-found', `no proposal ${id}`)
    return found
  }
  const save = (p: Proposal) => proposals.set(p.id, p)
  const changed = () => {
    for (const id of prunable([...proposals.values()])) {
      proposals.delete(id)
      rosters.delete(id)
    }
    options.onChanged()
  }
  const log = (kind: CommandLogEntry['kind'], fields: LogFields) => {
    const who = fields.personId
      ? room().roster.find((m) => m.personId === fields.personId)
      : undefined
    options.emitLog(logEntry(kind, { at: now(), incidentId, who }, fields))
  }

  /** Hashes the text in the context the shell reports now; another hash voids approvals. */
  const voidIfContextChanged = (p: Proposal): boolean => {
    const current = proposalContext(p.text, shell.context, shell.names)
    if (proposalDigest(p.text, current) === p.hash) return false
    const reason = `${describeContextChange(p.context, current)}; approvals void, propose again`
    const voided = closedAs(p, 'voided', reason)
    save(voided)
    log('voided', { proposal: voided, note: voided.statusReason })
    return true
  }

  return {
    incidentId,
    shell,
    rosters,
    now,
    newId,
    refuse,
    room,
    person,
    proposal,
    save,
    changed,
    log,
    all: () => [...proposals.values()],
    voidIfContextChanged,
    /** Every proposal still awaiting a run is checked against the context now. */
    voidAllIfContextChanged() {
      for (const p of proposals.values()) if (isAwaitingRun(p)) voidIfContextChanged(p)
    },
    refuseIfContextChanged(p: Proposal) {
      if (!voidIfContextChanged(p)) return
      changed()
      refuse(proposal(p.id).statusReason ?? 'context changed')
    },
    /** The proposal, if it can still be approved, rejected or withdrawn and is the one seen (same digest). */
    openAsSeen(refs: Refs, what: string): Proposal {
      const p = proposal(refs.proposalId)
      if (!isAwaitingRun(p)) refuse(`this proposal is ${p.status}; ${what}`)
      if (refs.hash !== p.hash) refuse('the command you saw is not the one proposed: look again')
      return p
    },
    expireDue() {
      const due = [...proposals.values()].filter((p) => isDue(p, now()))
      for (const p of due) {
        const expired = closedAs(p, 'expired', `not run within ${p.policy.expiryMinutes} min`)
        save(expired)
        log('expired', { proposal: expired })
      }
      if (due.length) changed()
    },
  }
}

export type GateCore = ReturnType<typeof createGateCore>
