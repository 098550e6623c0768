/**
 * The contract's handlers for one connection (one window). Every request is authorized
 * against the session behind the connection before it reaches the core's services.
 */
import { describeJoinPeer, type Participant, type PresenceEntry } from '../../shared/access'
import { keyFingerprint, importPublicKey } from '../../shared/commands/approval-signature'
import type { AppInfo, EventSink, HostHandlers, Invite, RequestName } from '../../shared/contract'
import { HostCallError } from '../../shared/rpc/host-error'
import type { Proposal } from '../../shared/commands/gate-model'
import { authorize, type Principal } from './access/authorize'
import type { InviteRecord, InviteRegistry } from './access/invites'
import { proposalForParticipant, snapshotForParticipant } from './access/participant-view'
import { saveFile, type AskSavePath } from './files/save-file'
import type { GateActor } from './gate/gate-actor'
import type { ParticipantAccess } from './host'
import type { IncidentRooms } from './incidents/incident-rooms'
import type { GateOutbox } from './log/gate-outbox'
import type { TerminalRegistry } from './terminal/terminal-registry'

export interface HostConnection {
  /** The contract, authorized for this connection's session. */
  api: HostHandlers
  /** The window went away: it stops getting output; its shells keep running. */
  dispose(): void
}

export interface HandlerContext {
  connectionId: string
  principal: Principal
  emit: EventSink
  info(principal: Principal): AppInfo
  participantOf(principal: Principal): Participant | null
  terminals: TerminalRegistry
  rooms: IncidentRooms
  invites: InviteRegistry
  outbox: GateOutbox
  presence(incidentId: string): PresenceEntry[]
  presenceChanged(incidentId: string): void
  /** A participant session was confirmed by its code: its windows and the leader's are told. */
  confirmed(participant: Participant): void
  endParticipants(ended: Participant[], reason: string): void
  participants: ParticipantAccess | undefined
  askSavePath: AskSavePath | undefined
  openRoomView: (() => void) | undefined
  onDispose(): void
}

const refuse = (message: string): never => {
  throw new HostCallError('refused', message)
}

function inviteView(invite: InviteRecord, url: string | null, fingerprint: string | null): Invite {
  return {
    inviteId: invite.inviteId,
    incidentId: invite.incidentId,
    personId: invite.personId,
    name: invite.name,
    mode: invite.mode,
    createdAt: invite.createdAt,
    url,
    used: invite.used,
    revoked: invite.revoked,
    certificateFingerprint: fingerprint,
  }
}

export function createHandlers(ctx: HandlerContext): HostConnection {
  const { terminals, rooms, invites, principal, connectionId } = ctx
  const attached = new Set<string>()
  let disposed = false

  const actor = (): GateActor => {
    const p = ctx.participantOf(principal)
    if (!p) return { kind: 'leader' }
    return {
      kind: 'participant',
      participantId: p.participantId,
      personId: p.personId,
      mode: p.mode,
      publicKey: invites.publicKey(p.participantId),
      joinedFrom: p.joinedFrom,
      stillValid: () => invites.byParticipantId(p.participantId) !== null,
    }
  }
  const session = (sessionId: string) => terminals.get(sessionId)
  const gate = (sessionId: string) => session(sessionId).gate
  /** A proposal as this session may see it (a participant: no output the curtain covered). */
  const asSeen = (sessionId: string, p: Proposal): Proposal => {
    const marked = gate(sessionId).withCurtain(p)
    return principal.kind === 'leader' ? marked : proposalForParticipant(marked)
  }

  const handlers: HostHandlers = {
    'app.info': async () => ctx.info(principal),
    'terminal.list': async () => {
      const p = ctx.participantOf(principal)
      return terminals.list().filter((t) => !p || t.incidentId === p.incidentId)
    },
    'terminal.create': async (input) => terminals.create(input),
    'terminal.attach': async ({ sessionId, controlling }) => {
      const s = session(sessionId)
      s.detach(connectionId)
      s.attach({
        id: connectionId,
        controlling: controlling && principal.kind === 'leader',
        send: (data, replay) => ctx.emit('terminal.data', { sessionId, data, replay }),
      })
      attached.add(sessionId)
      return { ...s.info }
    },
    'terminal.detach': async ({ sessionId }) => {
      session(sessionId).detach(connectionId)
      attached.delete(sessionId)
    },
    'terminal.write': async ({ sessionId, data }) => session(sessionId).write(data),
    'terminal.resize': async ({ sessionId, cols, rows }) => session(sessionId).resize(cols, rows),
    'terminal.ack': async ({ sessionId, bytes }) => {
      terminals.get(sessionId).ack(connectionId, bytes)
    },
    'terminal.kill': async ({ sessionId, force }) =>
      session(sessionId).end(force === true, 'the terminal was closed'),

    'incident.configure': async ({ incidentId, title, roster, policy, operatorId }) => {
      rooms.configure({ incidentId, title, roster, policy, operatorId }, Date.now())
      for (const s of terminals.forIncident(incidentId)) s.gate.roomChanged()
    },
    'incident.end': async ({ incidentId, force }) => {
      const shells = terminals.forIncident(incidentId)
      if (!force && shells.some((s) => s.gate.commandRunning)) {
        throw new HostCallError(
          'confirm',
          'an approved command is still running for this incident: end it anyway?',
        )
      }
      for (const s of shells) s.end(true, 'the incident was closed')
      ctx.endParticipants(invites.endIncident(incidentId), 'the incident was closed')
      rooms.end(incidentId)
    },

    'gate.state': async ({ sessionId }) => {
      const snapshot = gate(sessionId).snapshot()
      return principal.kind === 'leader' ? snapshot : snapshotForParticipant(snapshot)
    },
    'gate.propose': async ({ sessionId, ...input }) =>
      asSeen(sessionId, gate(sessionId).propose(actor(), input)),
    'gate.approve': async ({ sessionId, ...input }) =>
      asSeen(sessionId, await gate(sessionId).approve(actor(), input)),
    'gate.reject': async ({ sessionId, ...input }) =>
      asSeen(sessionId, gate(sessionId).reject(actor(), input)),
    'gate.withdraw': async ({ sessionId, ...input }) =>
      asSeen(sessionId, gate(sessionId).withdraw(actor(), input)),
    'gate.run': async ({ sessionId, ...input }) => gate(sessionId).run(input),
    'gate.breakGlass': async ({ sessionId, ...input }) => gate(sessionId).startBreakGlass(input),
    'gate.endBreakGlass': async ({ sessionId, ...input }) => gate(sessionId).endBreakGlass(input),
    'gate.curtain': async ({ sessionId, closed }) => gate(sessionId).setCurtain(closed),
    'gate.pendingLog': async () => ctx.outbox.pending(),
    'gate.ackLog': async ({ logId, seq }) => ctx.outbox.ack(logId, seq),

    'invite.create': async ({ incidentId, personId, mode }) => {
      const person =
        rooms.member(incidentId, personId) ?? refuse('invite someone on the role board')
      if (!ctx.participants) refuse('this host cannot serve participants')
      const { invite, token } = invites.create({ incidentId, personId, name: person.name, mode })
      const link = await ctx.participants!.inviteUrl(token)
      rooms.record(incidentId, 'participant-invited', `${person.name} invited as ${mode}`)
      return inviteView(invite, link.url, link.certificateFingerprint)
    },
    'invite.list': async ({ incidentId }) =>
      invites.list(incidentId).map((i) => inviteView(i, null, null)),
    'invite.revoke': async ({ inviteId }) => {
      const invite = invites.get(inviteId) ?? refuse('no such invite')
      ctx.endParticipants(invites.revoke(inviteId), 'the leader revoked this invite link')
      rooms.record(
        invite!.incidentId,
        'invite-revoked',
        `${invite!.name}’s ${invite!.mode} link revoked`,
      )
    },
    'invite.confirm': async ({ inviteId, code }) => {
      const invite = invites.get(inviteId) ?? refuse('no such invite')
      if (invite!.revoked) refuse('this invite was revoked')
      const by = rooms.operator(invite!.incidentId)?.name ?? 'the leader'
      let confirmation: ReturnType<InviteRegistry['confirm']>
      try {
        confirmation = invites.confirm(inviteId, code, by)
      } catch (error) {
        return refuse(error instanceof Error ? error.message : String(error))
      }
      const { participant, already } = confirmation
      if (already) return
      const from = participant.joinedFrom
        ? `; link followed from ${describeJoinPeer(participant.joinedFrom)}`
        : ''
      rooms.recordFor(
        participant.incidentId,
        participant.personId,
        'participant-confirmed',
        `${participant.name} read out the code their page shows, ${by} typed it back${from}`,
      )
      ctx.confirmed(participant)
    },
    'presence.list': async ({ incidentId }) => ctx.presence(incidentId),
    'participant.registerKey': async ({ publicKey }) => {
      const p = ctx.participantOf(principal) ?? refuse('not a participant session')
      await importPublicKey(publicKey).catch(() => refuse('not an ECDSA P-256 public key'))
      const fingerprint = await keyFingerprint(publicKey)
      const known = invites.publicKey(p!.participantId)
      try {
        invites.registerKey(p!.participantId, publicKey, fingerprint)
      } catch (error) {
        refuse(error instanceof Error ? error.message : String(error))
      }
      // On the log, so that anyone holding it can tell whose key signed what.
      if (known !== publicKey) {
        const from = p!.joinedFrom ? describeJoinPeer(p!.joinedFrom) : undefined
        rooms.recordKey(p!.incidentId, p!.personId, publicKey, fingerprint, from)
      }
      ctx.presenceChanged(p!.incidentId)
      return { fingerprint }
    },
    'window.openRoomView': async () => {
      if (!ctx.openRoomView) refuse('no window to open here: the page opens one itself')
      ctx.openRoomView!()
    },
    'file.save': async (input) => saveFile(input, ctx.askSavePath),
  }

  /** The incident a request is about (for a participant: it must be their own). */
  const incidentOf = (input: unknown): string | null => {
    const fields = input as { sessionId?: unknown; incidentId?: unknown }
    if (typeof fields.incidentId === 'string') return fields.incidentId
    if (typeof fields.sessionId === 'string') return terminals.get(fields.sessionId).info.incidentId
    return null
  }

  const api = Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [
      method,
      async (input: unknown) => {
        if (disposed) throw new HostCallError('refused', 'this window is gone')
        authorize(principal, ctx.participantOf(principal), method as RequestName, () =>
          incidentOf(input),
        )
        return (handler as (input: unknown) => Promise<unknown>)(input)
      },
    ]),
  ) as HostHandlers

  return {
    api,
    dispose() {
      if (disposed) return
      disposed = true
      for (const sessionId of attached) {
        try {
          terminals.get(sessionId).detach(connectionId)
        } catch {
          // the shell already ended
        }
      }
      attached.clear()
      ctx.onDispose()
    },
  }
}
