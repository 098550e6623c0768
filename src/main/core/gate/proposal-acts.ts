/**
 * What people do with proposals — propose, approve, reject, withdraw — on one terminal's
 * gate. Who acts, and in whose name, is decided by the host (GateActor); whether they may is
 * decided by the lifecycle's rules (src/shared/commands/proposal-lifecycle.ts). Each act is
 * logged and the room is told.
 */
import type { Proposal } from '../../../shared/commands/gate-model'
import {
  approvalRefusalFor,
  closedAs,
  isAwaitingRun,
  rejectedBy,
  tallyOf,
  withApproval,
} from '../../../shared/commands/proposal-lifecycle'
import {
  actingAs,
  checkedSignature,
  memberFor,
  ownDeviceRefusal,
  sessionOf,
  type GateActor,
} from './gate-actor'
import type { GateCore, Refs } from './gate-core'
import { newProposal } from './new-proposal'

/** Commands one person may have waiting at once (a proposal holds up to 20,000 characters). */
export const MAX_WAITING_PER_PERSON = 10
/** Commands that may wait at once on one terminal. */
export const MAX_WAITING = 30

export function createProposalActs(core: GateCore) {
  /** The session each proposal came from (the leader's screen, or a participant's). */
  const proposedFrom = new Map<string, string>()
  const { now, room, refuse, person, proposal, save, log, changed, openAsSeen, expireDue } = core
  const { rosters, shell, incidentId, newId, refuseIfContextChanged } = core
  return {
    propose(
      actor: GateActor,
      input: { text: string; proposerId?: string | undefined; replaces?: string | undefined },
    ): Proposal {
      expireDue()
      const as = actingAs(actor, room(), input.proposerId, refuse)
      const proposer = person(as.personId)
      if (!input.text.trim()) refuse('there is no command to propose')
      const waiting = core.all().filter(isAwaitingRun)
      if (
        waiting.filter((p) => p.proposerId === proposer.personId).length >= MAX_WAITING_PER_PERSON
      ) {
        refuse(
          `${proposer.name} already has ${MAX_WAITING_PER_PERSON} commands waiting: withdraw one first`,
        )
      }
      if (waiting.length >= MAX_WAITING) {
        refuse(`${MAX_WAITING} commands are waiting already: decide on some first`)
      }
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
      proposedFrom.set(fresh.id, sessionOf(actor))
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
      const seen = openAsSeen(input, 'it can no longer be approved')
      const as = actingAs(actor, room(), input.onBehalfOf, refuse)
      const signature = await checkedSignature(actor, seen, input.signature, now(), refuse)
      // Verifying took a moment: decide on the proposal, and the session, as they are now.
      if (actor.kind === 'participant' && !actor.stillValid()) {
        refuse('this invite was revoked or its incident has ended')
      }
      const p = openAsSeen(input, 'it can no longer be approved')
      const roster = rosters.get(p.id) ?? []
      const approver = memberFor(as.personId, roster, room().roster)
      const refusal =
        approvalRefusalFor(p, approver, as.via) ??
        (p.policy.approvalSources === 'own-device'
          ? ownDeviceRefusal(actor, approver, proposedFrom.get(p.id))
          : null)
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
        // Where the approver's session joined from: "joined on the leader's machine…".
        ...(actor.kind === 'participant' ? { joinedFrom: actor.joinedFrom ?? null } : {}),
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
      const p = openAsSeen(input, 'it can no longer be rejected')
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
  }
}
