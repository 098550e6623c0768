/**
 * The real host (real shells through node-pty, real gate, real gate log) with sessions
 * connected in-process: what the shells' bridges carry, without a transport. Used by the
 * core's integration and adversarial tests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import type { Participant } from '../../src/shared/access'
import {
  DEFAULT_POLICY,
  type ApprovalPolicy,
  type CommandLogEntry,
  type GateSnapshot,
  type RosterMember,
} from '../../src/shared/commands/gate-model'
import type { EventName, EventPayload, HostHandlers } from '../../src/shared/contract'
import type { Principal } from '../../src/main/core/access/authorize'
import type { PeerFacts } from '../../src/main/core/access/join-peer'
import { createHost, type Host, type HostOptions } from '../../src/main/core/host'
import { dispatchCall } from '../../src/main/core/router'
import { unwrapCallResult } from '../../src/shared/rpc/host-error'
import { hermeticShellEnv } from './hermetic-env'

export const ROSTER: RosterMember[] = [
  { personId: 'alice', name: 'Alice', roles: ['incident-leader'] },
  { personId: 'bob', name: 'Bob', roles: ['operational-expert'] },
  { personId: 'carol', name: 'Carol', roles: ['operational-expert'] },
  { personId: 'dan', name: 'Dan', roles: ['stakeholder'] },
]

export const INCIDENT = 'inc-1'

/** Everything one connected window received. */
export interface Window {
  /** Calls the contract as this window's session would (validated by the router). */
  call: <M extends keyof HostHandlers>(
    method: M,
    input: Parameters<HostHandlers[M]>[0],
  ) => Promise<Awaited<ReturnType<HostHandlers[M]>>>
  output(sessionId: string): string
  log: CommandLogEntry[]
  snapshots: GateSnapshot[]
  events: Array<{ event: EventName; payload: unknown }>
  closedWith: string | null
  dispose(): void
}

export function startHost(
  options: Partial<HostOptions> & {
    shellPath?: string
    /** Files written into the shells' HOME before any shell starts (a user's rc). */
    homeFiles?: Record<string, string>
  } = {},
) {
  const { homeFiles, shellPath, ...hostOptions } = options
  const env = hermeticShellEnv(shellPath ? { SHELL: shellPath } : {})
  for (const [name, content] of Object.entries(homeFiles ?? {})) {
    writeFileSync(join(env.HOME!, name), content)
  }
  const dataDir =
    options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'warroom-data-')) : options.dataDir
  /** Each host's shells start in a folder of their own: files an attack makes are its own. */
  const workDir = options.defaultCwd ?? mkdtempSync(join(tmpdir(), 'warroom-work-'))
  const host: Host = createHost({
    shellKind: 'browser',
    version: 'test',
    shell: shellPath ?? '/bin/bash',
    defaultCwd: workDir,
    env,
    participants: {
      inviteUrl: async (token) => ({
        url: `http://127.0.0.1:1/join?invite=${token}`,
        certificateFingerprint: null,
      }),
    },
    ...hostOptions,
    dataDir,
  })

  const connect = (principal: Principal = { kind: 'leader' }): Window => {
    const outputs = new Map<string, string>()
    const decoder = new TextDecoder()
    const window: Window = {
      call: null as unknown as Window['call'],
      output: (sessionId) => outputs.get(sessionId) ?? '',
      log: [],
      snapshots: [],
      events: [],
      closedWith: null,
      dispose: () => connection.dispose(),
    }
    const connection = host.connect({
      principal,
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        window.events.push({ event, payload })
        if (event === 'terminal.data') {
          const { sessionId, data, replay } = payload as EventPayload<'terminal.data'>
          const text = decoder.decode(data)
          outputs.set(sessionId, replay ? text : (outputs.get(sessionId) ?? '') + text)
        }
        if (event === 'gate.log') window.log.push((payload as EventPayload<'gate.log'>).entry)
        if (event === 'gate.snapshot') window.snapshots.push(payload as GateSnapshot)
      },
      close: (reason) => {
        window.closedWith = reason
      },
    })
    window.call = (async (method, input) =>
      unwrapCallResult(await dispatchCall(connection.api, method, input))) as Window['call']
    return window
  }

  const leader = connect()

  const configure = (policy: Partial<ApprovalPolicy> = {}, roster = ROSTER, operatorId = 'alice') =>
    leader.call('incident.configure', {
      incidentId: INCIDENT,
      title: 'Checkout API returns 500s',
      roster,
      policy: { ...DEFAULT_POLICY, ...policy },
      operatorId,
    })

  /** A shell for the incident, attached to the leader's window, at its first clean prompt. */
  const shell = async (window = leader) => {
    const session = await window.call('terminal.create', {
      incidentId: INCIDENT,
      cols: 100,
      rows: 30,
    })
    await window.call('terminal.attach', { sessionId: session.sessionId, controlling: true })
    await vi.waitFor(
      async () => {
        const state = await window.call('gate.state', { sessionId: session.sessionId })
        if (!state.ready) throw new Error(`shell not ready: ${state.integration}`)
      },
      { timeout: 15_000, interval: 20 },
    )
    return session.sessionId
  }

  /** Proposes (as Bob, in the room), approves (Carol, said aloud) and runs a command. */
  const runApproved = async (sessionId: string, text: string, window = leader) => {
    const p = await window.call('gate.propose', { sessionId, text, proposerId: 'bob' })
    await window.call('gate.approve', {
      sessionId,
      proposalId: p.id,
      hash: p.hash,
      onBehalfOf: 'carol',
    })
    await window.call('gate.run', { sessionId, proposalId: p.id, hash: p.hash })
    return p
  }

  const finished = (proposalId: string, window = leader, timeout = 15_000) =>
    vi.waitFor(
      () => {
        const entry = window.log.find((e) => e.kind === 'finished' && e.proposalId === proposalId)
        if (!entry) throw new Error('not finished yet')
        return entry
      },
      { timeout, interval: 20 },
    )

  /** Waits until the shell is back at a clean prompt. */
  const ready = (sessionId: string, window = leader) =>
    vi.waitFor(
      async () => {
        if (!(await window.call('gate.state', { sessionId })).ready) throw new Error('busy')
      },
      { timeout: 15_000, interval: 20 },
    )

  /**
   * Invites someone and follows their link (in-process). By default the leader then types
   * back the code their page shows (`confirm: false` leaves the session unconfirmed); `peer`
   * is the connection the link was followed from, as a server would report it.
   */
  const invite = async (
    personId: string,
    mode: 'observer' | 'expert' = 'expert',
    options: { confirm?: boolean; peer?: PeerFacts } = {},
  ) => {
    const made = await leader.call('invite.create', { incidentId: INCIDENT, personId, mode })
    const token = new URL(made.url!).searchParams.get('invite')!
    const redeemed = host.redeemInvite(token, options.peer)
    if (!redeemed) throw new Error('invite could not be redeemed')
    if (options.confirm ?? true) {
      await leader.call('invite.confirm', { inviteId: made.inviteId, code: redeemed.pairingCode })
    }
    return {
      invite: made,
      token,
      participant: redeemed.participant as Participant,
      secret: redeemed.secret,
      pairingCode: redeemed.pairingCode,
    }
  }

  return {
    host,
    dataDir,
    workDir,
    leader,
    connect,
    configure,
    shell,
    runApproved,
    finished,
    ready,
    invite,
  }
}

export type HostHarness = ReturnType<typeof startHost>
