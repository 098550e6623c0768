import { randomUUID } from 'node:crypto'
import { homedir, platform } from 'node:os'
import { describeJoinPeer, type Participant, type PresenceEntry } from '../../shared/access'
import type { CommandLogEntry, GateSnapshot } from '../../shared/commands/gate-model'
import type { AppInfo, EventName, EventPayload, EventSink } from '../../shared/contract'
import type { Principal } from './access/authorize'
import { createInviteRegistry } from './access/invites'
import { joinPeer, type PeerFacts } from './access/join-peer'
import { snapshotForParticipant } from './access/participant-view'
import { presenceEntries } from './access/presence'
import type { AskSavePath } from './files/save-file'
import { createHandlers, type HostConnection } from './host-handlers'
import { createIncidentRooms } from './incidents/incident-rooms'
import { lockDataDir } from './log/data-dir-lock'
import { openGateOutbox } from './log/gate-outbox'
import { createSpareShell } from './terminal/spare-shell'
import { findIntegrationDir } from './terminal/spawn-shell'
import { createTerminalRegistry } from './terminal/terminal-registry'
import { ttyInjectionWarning } from './terminal/tty-injection'

export type { HostConnection } from './host-handlers'

/** Where invite links point: the shell that serves participants knows its own address. */
export interface ParticipantAccess {
  /** The link for a one-time token (the Electron shell starts its server on first use). */
  inviteUrl(token: string): Promise<{ url: string; certificateFingerprint: string | null }>
}

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
  /**
   * The host's data directory (gate log, incidents); null keeps them in memory (tests). One
   * host at a time: createHost throws DataDirLockedError while another one holds it.
   */
  dataDir: string | null
  participants?: ParticipantAccess
  /** Opens a room-view window (Electron); absent in the browser shell, where the page does. */
  openRoomView?: () => void
}

/** One window's view of the host, ended when the window goes (its shells keep running). */
export interface ConnectOptions {
  principal: Principal
  emit: EventSink
  /** Ends the transport (a revoked participant is sent away). */
  close?(reason: string): void
}

export interface Host {
  connect(options: ConnectOptions): HostConnection
  /** A participant's session from the secret in their cookie (null: unknown or revoked). */
  participant(secret: string): Participant | null
  /**
   * Exchanges an invite link's one-time token for a participant secret (null: unusable).
   * `peer`: the connection that followed the link, recorded on the log and the role board.
   */
  redeemInvite(
    token: string,
    peer?: PeerFacts,
  ): { participant: Participant; secret: string; pairingCode: string } | null
  /** Shells with an approved command running now (quitting should ask first). */
  readonly runningCommands: number
  /** Ends every shell (running commands recorded as ended by it) and every connection. */
  dispose(reason?: string): void
  readonly connectionCount: number
  readonly terminalCount: number
  /** Flow-control pauses of every pty so far (benchmarks: pauses per MB). */
  readonly flowPauses: number
  /** Where the gate log is written (null: memory only). */
  readonly gateLogFile: string | null
}

interface LiveConnection {
  id: string
  principal: Principal
  emit: EventSink
  close(reason: string): void
  dispose(): void
}

export function createHost(options: HostOptions): Host {
  const env = options.env ?? process.env
  const shell = options.shell ?? env.SHELL ?? 'bash'
  const defaultCwd = options.defaultCwd ?? homedir()
  const integrationDir =
    options.integrationDir === undefined ? findIntegrationDir() : options.integrationDir
  const connections = new Set<LiveConnection>()
  const invites = createInviteRegistry()
  // One host per data directory (throws DataDirLockedError): two would share log positions.
  const lock = options.dataDir ? lockDataDir(options.dataDir) : null
  const outbox = openGateOutbox({ dataDir: options.dataDir })

  const participantOf = (principal: Principal): Participant | null =>
    principal.kind === 'participant' ? invites.byParticipantId(principal.participantId) : null
  /** Whether a connection may see what happens in an incident. */
  const sees = (c: LiveConnection, incidentId: string) =>
    c.principal.kind === 'leader' || participantOf(c.principal)?.incidentId === incidentId
  const send = <E extends EventName>(
    event: E,
    payload: EventPayload<E>,
    to: (c: LiveConnection) => boolean,
  ) => {
    for (const c of connections) if (to(c)) c.emit(event, payload)
  }
  const isLeader = (c: LiveConnection) => c.principal.kind === 'leader'

  /** Every gate entry: recorded durably first, then delivered to the leader's windows. */
  const record = (entry: CommandLogEntry) => {
    send('gate.log', { entry: outbox.append(entry) }, isLeader)
  }
  const rooms = createIncidentRooms({ log: record, dataDir: options.dataDir })
  const spare = createSpareShell({ shell, env, integrationDir }, defaultCwd)
  const terminals = createTerminalRegistry({
    shell,
    env,
    integrationDir,
    defaultCwd,
    spare,
    rooms,
    emitSnapshot: (snapshot: GateSnapshot) => {
      // Participants get theirs without what the curtain covered (made once, if needed).
      let forParticipants: GateSnapshot | null = null
      for (const c of connections) {
        if (!sees(c, snapshot.incidentId ?? '')) continue
        if (isLeader(c)) c.emit('gate.snapshot', snapshot)
        else c.emit('gate.snapshot', (forParticipants ??= snapshotForParticipant(snapshot)))
      }
    },
    emitLog: record,
    onListChanged: () => {
      for (const c of connections) {
        c.emit('terminal.list', {
          sessions: terminals.list().filter((t) => sees(c, t.incidentId)),
        })
      }
    },
    onExit: (info, exit) =>
      send('terminal.exit', { sessionId: info.sessionId, ...exit }, (c) =>
        sees(c, info.incidentId),
      ),
  })

  const presence = (incidentId: string): PresenceEntry[] =>
    presenceEntries(
      [...connections].map((c) => participantOf(c.principal)),
      incidentId,
    )
  const presenceChanged = (incidentId: string) =>
    send('presence', { incidentId, entries: presence(incidentId) }, isLeader)
  /** The windows of one participant session. */
  const ofParticipant = (participantId: string) => (c: LiveConnection) =>
    c.principal.kind === 'participant' && c.principal.participantId === participantId

  /** Sends away the windows of participants whose invite ended. */
  const endParticipants = (ended: Participant[], reason: string) => {
    const ids = new Set(ended.map((p) => p.participantId))
    for (const c of [...connections]) {
      if (c.principal.kind !== 'participant' || !ids.has(c.principal.participantId)) continue
      c.emit('session.ended', { reason })
      c.close(reason)
      c.dispose()
    }
    for (const incidentId of new Set(ended.map((p) => p.incidentId))) presenceChanged(incidentId)
  }

  const warnings = [ttyInjectionWarning()].filter((w): w is string => w !== null)
  const info = (principal: Principal): AppInfo => {
    const participant = participantOf(principal)
    return {
      name: 'War Room',
      version: options.version,
      shell: options.shellKind,
      platform: platform(),
      defaultCwd,
      defaultShell: shell,
      dataDir: principal.kind === 'leader' ? options.dataDir : null,
      warnings: principal.kind === 'leader' ? warnings : [],
      access: participant
        ? {
            role: 'participant',
            incidentTitle: rooms.get(participant.incidentId).title,
            pairingCode: invites.pairingCode(participant.participantId) ?? '',
            ...participant,
          }
        : { role: 'leader' },
    }
  }

  const host: Host = {
    connect(connectOptions) {
      const id = randomUUID()
      const live: LiveConnection = {
        id,
        principal: connectOptions.principal,
        emit: connectOptions.emit,
        close: connectOptions.close ?? (() => {}),
        dispose: () => {},
      }
      const connection = createHandlers({
        connectionId: id,
        principal: connectOptions.principal,
        emit: connectOptions.emit,
        info,
        participantOf,
        terminals,
        rooms,
        invites,
        outbox,
        presence,
        presenceChanged,
        confirmed: (participant) => {
          if (participant.confirmed) {
            send(
              'session.confirmed',
              participant.confirmed,
              ofParticipant(participant.participantId),
            )
          }
          presenceChanged(participant.incidentId)
        },
        endParticipants,
        participants: options.participants,
        askSavePath: options.askSavePath,
        openRoomView: options.openRoomView,
        onDispose: () => {
          connections.delete(live)
          const p = participantOf(live.principal)
          if (p) presenceChanged(p.incidentId)
        },
      })
      live.dispose = connection.dispose
      connections.add(live)
      const p = participantOf(live.principal)
      if (p) presenceChanged(p.incidentId)
      return connection
    },
    participant: (secret) => invites.participant(secret),
    redeemInvite(token, peer) {
      const joinedFrom = peer ? joinPeer(peer) : null
      const redeemed = invites.redeem(token, joinedFrom)
      if (!redeemed) return null
      const { participant: p } = redeemed
      const where = joinedFrom
        ? ` from ${describeJoinPeer(joinedFrom)}; browser: ${joinedFrom.userAgent ?? 'not said'}`
        : ''
      rooms.recordFor(
        p.incidentId,
        p.personId,
        'participant-joined',
        `${p.name}’s ${p.mode} link followed${where}`,
      )
      return redeemed
    },
    get runningCommands() {
      return terminals.runningCommands
    },
    dispose(reason = 'the War Room host stopped') {
      spare.dispose()
      for (const c of [...connections]) c.dispose()
      terminals.disposeAll(reason)
      outbox.close()
      lock?.release()
    },
    get connectionCount() {
      return connections.size
    },
    get terminalCount() {
      return terminals.size
    },
    get flowPauses() {
      return terminals.flowPauses
    },
    gateLogFile: outbox.file,
  }
  return host
}
