/**
 * The real browser-shell server in front of the real host with real shells, for the review's
 * attacks over the wire: the leader's socket (launch token), participants (invite link →
 * /join → cookie → `ws /rpc?as=participant`) and raw sockets with no credential at all.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join as joinPath } from 'node:path'
import { vi } from 'vitest'
import WebSocket from 'ws'
import { DEFAULT_POLICY, type ApprovalPolicy } from '../../../../src/shared/commands/gate-model'
import type { EventName, HostClient } from '../../../../src/shared/contract'
import { createHost, type Host, type HostOptions } from '../../../../src/main/core/host'
import {
  startBrowserShell,
  type BrowserShell,
  type BrowserShellOptions,
} from '../../../../src/main/server/browser-shell'
import { connectSocketClient, type SocketLike } from '../../../../src/shared/rpc/socket-client'
import { ROSTER } from '../../../support/host-harness'
import { hermeticShellEnv } from '../../../support/hermetic-env'

export const INCIDENT = 'inc-1'
export const OTHER_INCIDENT = 'inc-2'

export interface Session {
  client: HostClient
  socket: WebSocket
  /** Every event pushed to this socket, in order (terminal output as text). */
  events: Array<{ event: EventName | 'terminal.data'; payload: unknown }>
  output(): string
  closed: Promise<{ code: number; reason: string }>
}

export async function startServer(
  options: {
    host?: Partial<HostOptions>
    server?: Partial<BrowserShellOptions>
  } = {},
) {
  const rendererDir = mkdtempSync(joinPath(tmpdir(), 'warroom-review-renderer-'))
  writeFileSync(joinPath(rendererDir, 'index.html'), '<!doctype html><title>War Room</title>')
  const workDir = mkdtempSync(joinPath(tmpdir(), 'warroom-review-work-'))
  let origin = ''
  const host: Host = createHost({
    shellKind: 'browser',
    version: 'review',
    shell: '/bin/bash',
    defaultCwd: workDir,
    env: hermeticShellEnv(),
    dataDir: mkdtempSync(joinPath(tmpdir(), 'warroom-review-data-')),
    participants: {
      inviteUrl: async (token) => ({
        url: `${origin}/join?invite=${encodeURIComponent(token)}`,
        certificateFingerprint: null,
      }),
    },
    ...options.host,
  })
  const server: BrowserShell = await startBrowserShell({
    host,
    port: 0,
    rendererDir,
    report: () => {},
    ...options.server,
  })
  origin = server.origin
  const token = server.url ? new URL(server.url).searchParams.get('token')! : ''
  const sockets: WebSocket[] = []

  const open = async (path: string, cookie: string): Promise<Session> => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, {
      origin: server.origin,
      headers: { cookie },
    })
    sockets.push(socket)
    const events: Session['events'] = []
    let text = ''
    const decoder = new TextDecoder()
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
    const connected = await connectSocketClient(socket as unknown as SocketLike)
    const names: EventName[] = ['gate.snapshot', 'gate.log', 'presence', 'session.ended']
    for (const name of names) {
      connected.client.on(name, (payload: unknown) => events.push({ event: name, payload }))
    }
    connected.client.on('terminal.data', (payload) => {
      text = payload.replay ? decoder.decode(payload.data) : text + decoder.decode(payload.data)
      events.push({ event: 'terminal.data', payload })
    })
    return { client: connected.client, socket, events, output: () => text, closed }
  }

  // A participants-only server (LAN, Electron's) has no leader's token: no leader's socket there.
  const leader = server.url
    ? await open('/rpc', `warroom_token_${server.port}=${token}`)
    : (null as unknown as Session)

  const configure = (
    incidentId = INCIDENT,
    policy: Partial<ApprovalPolicy> = {},
    operatorId: string | null = 'alice',
    roster = ROSTER,
  ) =>
    leader.client['incident.configure']({
      incidentId,
      title: incidentId,
      roster,
      policy: { ...DEFAULT_POLICY, ...policy },
      operatorId,
    })

  const readyShell = async (incidentId = INCIDENT) => {
    const { sessionId } = await leader.client['terminal.create']({
      incidentId,
      cols: 100,
      rows: 30,
    })
    await vi.waitFor(
      async () => {
        if (!(await leader.client['gate.state']({ sessionId })).ready) throw new Error('busy')
      },
      { timeout: 15_000, interval: 25 },
    )
    return sessionId
  }

  /**
   * Invited, the link followed as a browser would, the participant's socket open and (unless
   * `confirm` is false) the code their page shows typed back by the leader.
   */
  const join = async (
    personId: string,
    mode: 'expert' | 'observer' = 'expert',
    incidentId = INCIDENT,
    confirm = true,
  ) => {
    const made = await leader.client['invite.create']({ incidentId, personId, mode })
    const response = await fetch(made.url!, { redirect: 'manual' })
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!
    const session = await open('/rpc?as=participant', cookie)
    if (confirm) {
      const info = await session.client['app.info']({})
      const code = info.access.role === 'participant' ? info.access.pairingCode : ''
      await leader.client['invite.confirm']({ inviteId: made.inviteId, code })
    }
    return { ...session, cookie, invite: made }
  }

  return {
    host,
    server,
    token,
    workDir,
    leader,
    open,
    configure,
    readyShell,
    join,
    async close() {
      for (const socket of sockets) socket.terminate()
      host.dispose()
      await server.close()
    },
  }
}

export type ReviewServer = Awaited<ReturnType<typeof startServer>>
