/**
 * Windows on the host without a browser: the typed socket client over a `ws` WebSocket,
 * authenticated as the leader (the launch token's cookie) or as an invited participant (an
 * invite redeemed at /join for the participant cookie), as a browser would be.
 */
import { request } from 'node:http'
import { WebSocket } from 'ws'
import { DEFAULT_POLICY, type RosterMember } from '../../src/shared/commands/gate-model'
import type { HostClient } from '../../src/shared/contract'
import { connectSocketClient, type SocketLike } from '../../src/shared/rpc/socket-client'
import type { BenchHost } from './app-session'

export interface NodeWindow {
  client: HostClient
  /** The socket itself (a slow window stops reading it: `socket.pause()`). */
  socket: WebSocket
  close(): void
}

/** Follows one redirect-with-cookie step (the token URL or an invite link); the cookie. */
function cookieFrom(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.resume()
      const cookie = res.headers['set-cookie']?.[0]?.split(';')[0]
      if (res.statusCode !== 303 || !cookie) {
        reject(new Error(`${new URL(url).pathname}: HTTP ${res.statusCode}, no cookie`))
      } else resolve(cookie)
    })
    req.on('error', reject)
    req.end()
  })
}

async function open(bench: BenchHost, cookie: string, participant: boolean): Promise<NodeWindow> {
  const origin = bench.shell.origin
  const socket = new WebSocket(
    `${origin.replace(/^http/, 'ws')}/rpc${participant ? '?as=participant' : ''}`,
    {
      headers: { cookie, origin },
      perMessageDeflate: false,
    },
  )
  socket.on('close', (code, reason) => {
    if (process.env.WARROOM_BENCH_PROGRESS) console.error('socket closed', code, reason.toString())
  })
  const { client, close } = await connectSocketClient(socket as unknown as SocketLike)
  return { client, socket, close }
}

/** A window of the leader's session (the launch token's cookie). */
export async function leaderWindow(bench: BenchHost): Promise<NodeWindow> {
  return open(bench, await cookieFrom(bench.url), false)
}

/** A participant's window: invited by `leader`, the link redeemed at /join. */
export async function participantWindow(
  bench: BenchHost,
  leader: HostClient,
  incidentId: string,
  personId: string,
): Promise<NodeWindow> {
  const invite = await leader['invite.create']({ incidentId, personId, mode: 'observer' })
  if (!invite.url) throw new Error('the invite has no link')
  return open(bench, await cookieFrom(invite.url), true)
}

/** Puts `people` on the incident's role board (the leader, 'bench', at the keyboard). */
export async function configureIncident(
  leader: HostClient,
  incidentId: string,
  people: RosterMember[] = [],
  allowList: string[] = ['cat', 'clear', 'yes'],
): Promise<void> {
  await leader['incident.configure']({
    incidentId,
    title: 'Benchmark incident',
    roster: [{ personId: 'bench', name: 'Bench', roles: ['incident-leader'] }, ...people],
    policy: { ...DEFAULT_POLICY, allowList },
    operatorId: 'bench',
  })
}

/** Runs an allow-listed command once the shell is at a clean prompt (no approval step). */
export async function runAllowListed(
  client: HostClient,
  sessionId: string,
  text: string,
): Promise<void> {
  while (!(await client['gate.state']({ sessionId })).ready) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const proposal = await client['gate.propose']({ sessionId, text, proposerId: 'bench' })
  await client['gate.run']({ sessionId, proposalId: proposal.id, hash: proposal.hash })
}
