/**
 * Connection slots against people holding no token (review findings 15 and 16): connections
 * that send nothing, or never start TLS, give their slot back within seconds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHost, type Host } from '../../../../src/main/core/host'
import { startBrowserShell, type BrowserShell } from '../../../../src/main/server/browser-shell'
import type { HttpLimits } from '../../../../src/main/server/http-limits'
import {
  loadOrCreateCertificate,
  type ServerCertificate,
} from '../../../../src/main/server/tls-certificate'
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

  it('on the LAN server, closes a connection that never starts TLS at the handshake deadline', async () => {
    const { shell } = await start({ tlsHandshakeTimeoutMs: 300 }, true)
    const held = await hold(silent(shell.port, LAN))
    // Closed at once at the deadline: no HTTP answer waits to go out over a socket without TLS.
    await vi.waitFor(() => expect(held.closed()).toBe(true), { timeout: 1_500 })
  })
})
