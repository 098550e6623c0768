/**
 * Connection slots against people holding no token (review findings 15 and 16): connections
 * that send nothing give their slot back quickly, make room for the leader at the cap, and,
 * on the LAN server, one address cannot push out another's; a window's WebSocket is never
 * pushed out by them. And against participants holding their cookie (review 2): they hold
 * a few connections each, and give way to the leader's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as connectTls, type TLSSocket } from 'node:tls'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { createHost, type Host } from '../../../../src/main/core/host'
import { startBrowserShell, type BrowserShell } from '../../../../src/main/server/browser-shell'
import type { HttpLimits } from '../../../../src/main/server/http-limits'
import {
  loadOrCreateCertificate,
  type ServerCertificate,
} from '../../../../src/main/server/tls-certificate'
import { connectSocketClient, type SocketLike } from '../../../../src/shared/rpc/socket-client'
import { startServer, type ReviewServer, type Session } from '../review/server-fixture'
import { exchange } from './support/raw-http'

/** Stands in for a LAN address: not the loopback address the leader's server uses. */
const LAN = '127.0.0.2'
/** Timeouts that never fire during a test unless the test is about them. */
const patient: Partial<HttpLimits> = {
  requestLineTimeoutMs: 60_000,
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 60_000,
  tlsHandshakeTimeoutMs: 60_000,
  timeoutCheckIntervalMs: 50,
}

/** A TCP connection that sends nothing; `closed` tells whether the server has closed it. */
interface Silent {
  socket: Socket
  closed(): boolean
}

function silent(port: number, host = '127.0.0.1', localAddress?: string): Promise<Silent> {
  return new Promise((resolve, reject) => {
    let closed = false
    const socket = connect({ port, host, ...(localAddress ? { localAddress } : {}) })
    socket.on('close', () => (closed = true))
    socket.once('connect', () => {
      socket.off('error', reject)
      socket.on('error', () => {})
      resolve({ socket, closed: () => closed })
    })
    socket.once('error', reject)
  })
}

describe('connection slots against connections without a token', () => {
  const shells: BrowserShell[] = []
  const hosts: Host[] = []
  const sockets: Array<{ destroy(): void }> = []
  let certificate: ServerCertificate
  beforeAll(async () => {
    certificate = await loadOrCreateCertificate(mkdtempSync(join(tmpdir(), 'warroom-tls-')), LAN)
  })
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    for (const shell of shells.splice(0)) await shell.close()
    for (const host of hosts.splice(0)) host.dispose()
  })

  async function start(limits: Partial<HttpLimits>, lan = false) {
    const host = createHost({ shellKind: 'browser', version: 'test', dataDir: null })
    hosts.push(host)
    const rendererDir = mkdtempSync(join(tmpdir(), 'warroom-renderer-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>War Room</title>')
    const shell = await startBrowserShell({
      host,
      port: 0,
      rendererDir,
      limits: { ...patient, ...limits },
      report: () => {},
      ...(lan
        ? { address: LAN, tls: { key: certificate.key, cert: certificate.cert }, leader: false }
        : {}),
    })
    shells.push(shell)
    const token = shell.url ? new URL(shell.url).searchParams.get('token')! : ''
    return { shell, cookie: `warroom_token_${shell.port}=${token}` }
  }

  const hold = async (opening: Promise<Silent>) => {
    const held = await opening
    sockets.push(held.socket)
    return held
  }

  async function leaderWindow(shell: BrowserShell, cookie: string) {
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}/rpc`, {
      origin: shell.origin,
      headers: { cookie },
    })
    sockets.push({ destroy: () => socket.terminate() })
    const connection = await connectSocketClient(socket as unknown as SocketLike)
    return { socket, appInfo: () => connection.client['app.info']({}) }
  }

  it('closes a new connection that sends nothing at the request-line deadline', async () => {
    const { shell } = await start({ requestLineTimeoutMs: 200 })
    const outcome = await exchange(shell.port, { chunks: [], pauseMs: 0, ending: 'wait' }, 3000)
    expect(outcome).toMatchObject({ statuses: [], hung: false })
  })

  it('answers 408 to a request line that stops halfway, long before the header timeout', async () => {
    const { shell } = await start({ requestLineTimeoutMs: 200 })
    const outcome = await exchange(
      shell.port,
      { chunks: [Buffer.from('GET /ind')], pauseMs: 0, ending: 'wait' },
      3000,
    )
    expect(outcome).toMatchObject({ statuses: [408], hung: false })
  })

  it('at the cap, the leader still gets in: the oldest connection without a token makes room', async () => {
    const { shell, cookie } = await start({ maxConnections: 4 })
    const window = await leaderWindow(shell, cookie)
    const held = [] as Silent[]
    for (let i = 0; i < 3; i++) held.push(await hold(silent(shell.port)))
    const page = await fetch(`${shell.origin}/`, {
      headers: { cookie },
      signal: AbortSignal.timeout(3_000),
    })
    expect(page.status).toBe(200)
    await vi.waitFor(() => expect(held.map((h) => h.closed())).toEqual([true, false, false]))
    await expect(window.appInfo()).resolves.toMatchObject({ name: 'War Room' })
  })

  it('never pushes out a window’s WebSocket, and refuses newcomers when every slot holds one', async () => {
    const { shell, cookie } = await start({ maxConnections: 2 })
    const first = await leaderWindow(shell, cookie)
    // A flood of connections without a token, each pushing out the one before it.
    for (let i = 0; i < 20; i++) await hold(silent(shell.port))
    await expect(first.appInfo()).resolves.toMatchObject({ name: 'War Room' })
    const second = await leaderWindow(shell, cookie)
    const refused = await exchange(
      shell.port,
      {
        chunks: [Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\n\r\n`)],
        pauseMs: 0,
        ending: 'wait',
      },
      3000,
    )
    expect(refused).toMatchObject({ statuses: [], hung: false })
    await expect(first.appInfo()).resolves.toMatchObject({ name: 'War Room' })
    await expect(second.appInfo()).resolves.toMatchObject({ name: 'War Room' })
  })

  it('on the LAN server, closes a connection that never starts TLS at the handshake deadline', async () => {
    const { shell } = await start({ tlsHandshakeTimeoutMs: 300 }, true)
    const held = await hold(silent(shell.port, LAN))
    // Closed at once at the deadline: no HTTP answer waits to go out over a socket without TLS.
    await vi.waitFor(() => expect(held.closed()).toBe(true), { timeout: 1_500 })
  })

  it('on the LAN server, one address flooding pushes out only its own connections', async () => {
    const { shell } = await start({ maxConnections: 4, maxConnectionsPerPeer: 2 }, true)
    // Someone else, from another address, handshake done, about to send their request.
    const tcp = await hold(silent(shell.port, LAN, '127.0.0.4'))
    const participant = await new Promise<TLSSocket>((resolve, reject) => {
      const socket = connectTls({ socket: tcp.socket, rejectUnauthorized: false }, () =>
        resolve(socket),
      )
      socket.once('error', reject)
    })
    sockets.push(participant)
    const flood = [] as Silent[]
    for (let i = 0; i < 10; i++) flood.push(await hold(silent(shell.port, LAN, '127.0.0.3')))
    // Taken after every connection above (one accept queue): when it is answered, all were seen.
    expect(await followUnusableInvite(shell.port, '127.0.0.3')).toBe(403)
    await vi.waitFor(() => expect(flood.filter((h) => !h.closed()).length).toBeLessThanOrEqual(2))
    const answer = new Promise<string>((resolve) => {
      let text = ''
      participant.on('data', (data: Buffer) => (text += data.toString('latin1')))
      participant.on('close', () => resolve(text))
    })
    participant.write(
      `GET /join?invite=x HTTP/1.1\r\nHost: ${LAN}:${shell.port}\r\nConnection: close\r\n\r\n`,
    )
    expect(await answer).toMatch(/^HTTP\/1\.1 403 /)
  })
})

/** Follows an unusable invite link over HTTPS from `localAddress`: 403 when answered. */
function followUnusableInvite(port: number, localAddress: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: LAN,
        port,
        path: '/join?invite=x',
        localAddress,
        rejectUnauthorized: false,
        agent: false,
        timeout: 3_000,
      },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', () => resolve('no answer'))
    req.end()
  })
}

describe('connection slots against participants holding connections', () => {
  let server: ReviewServer | null = null
  afterEach(async () => {
    await server?.close()
    server = null
  })

  it('participants fill what they may; the leader’s new windows still get in, pushing out the oldest participant connections', async () => {
    const limits = {
      maxConnections: 8,
      maxConnectionsPerParticipant: 3,
      leaderReservedConnections: 2,
    }
    server = await startServer({ server: { limits } })
    await server.configure()
    const people = [await server.join('carol', 'observer'), await server.join('dan', 'observer')]
    const windows: Session[] = people.map((p) => p)
    for (const person of people) {
      for (let i = 0; i < 4; i++) {
        const window = await server.open('/rpc?as=participant', person.cookie).catch(() => null)
        if (window) windows.push(window)
      }
    }
    // Each person holds at most three, both together at most six of the eight slots.
    expect(windows.length).toBeLessThanOrEqual(
      limits.maxConnections - limits.leaderReservedConnections,
    )
    const closed = windows.map(() => false)
    windows.forEach((w, i) => void w.closed.then(() => (closed[i] = true)))
    // The leader's room view, second screen, reloads…: every one gets in.
    const leaderCookie = `warroom_token_${server.server.port}=${server.token}`
    for (let i = 0; i < 4; i++) {
      const window = await server.open('/rpc', leaderCookie)
      await expect(window.client['app.info']({})).resolves.toMatchObject({
        access: { role: 'leader' },
      })
    }
    await vi.waitFor(() => expect(closed.filter(Boolean).length).toBeGreaterThan(0))
    // The oldest participant window gave way first.
    expect(closed[0]).toBe(true)
    await expect(server.leader.client['app.info']({})).resolves.toMatchObject({
      access: { role: 'leader' },
    })
  })
})
