/**
 * Review, foothold 5: any local process (any user on the machine: loopback is shared) or,
 * with --listen, anyone on the LAN, holding no token. Both attacks below worked when found
 * (they were `it.fails`); each now states what holds. The limits behind them are tested one
 * by one in test/unit/main/server/connection-limits.test.ts.
 */
import { mkdtempSync } from 'node:fs'
import { request } from 'node:https'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HTTP_LIMITS } from '../../../../src/main/server/http-limits'
import { loadOrCreateCertificate } from '../../../../src/main/server/tls-certificate'
import { startServer, type ReviewServer } from './server-fixture'

/**
 * Holds `count` TCP connections that never send a byte, opening a new one whenever the
 * server closes one (as an attacker would): returns a function that lets go of all of them.
 */
function holdIdleConnections(port: number, host: string, count: number): () => void {
  const sockets = new Set<Socket>()
  let holding = true
  const open = () => {
    const socket = connect(port, host)
    socket.on('error', () => {})
    socket.on('close', () => {
      sockets.delete(socket)
      if (holding) setTimeout(open, 10)
    })
    sockets.add(socket)
  }
  for (let i = 0; i < count; i++) open()
  return () => {
    holding = false
    for (const socket of sockets) socket.destroy()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('no token at all', () => {
  let s: ReviewServer
  let release: (() => void) | null = null
  afterEach(async () => {
    release?.()
    release = null
    await s?.close()
  })

  // FINDING (medium; fixed: at the cap the oldest connection without a credential makes
  // room, and one that sends no request line is closed within 2 s): the server took at most
  // 128 connections from anyone, before any credential is seen, and one that never sends a
  // byte kept its slot until the header timeout (10 s; measured here: the leader is refused
  // at 1 s and 5 s, served again from about 12 s). Any local user holding 128 connections,
  // renewed as the server drops them, kept the leader from reloading and participants from
  // joining or reconnecting.
  it('cannot lock everyone out by holding idle connections', { timeout: 30_000 }, async () => {
    s = await startServer()
    release = holdIdleConnections(s.server.port, '127.0.0.1', HTTP_LIMITS.maxConnections)
    await sleep(1_000)
    const status = await fetch(`${s.server.origin}/`, {
      signal: AbortSignal.timeout(3_000),
      headers: { cookie: `warroom_token_${s.server.port}=${s.token}` },
    }).then(
      (response) => response.status,
      () => 'no answer',
    )
    expect(status).toBe(200)
  })

  // FINDING (medium, --listen; fixed: a 5 s handshake timeout, a cap per peer address, and
  // eviction at the cap): on the participants' HTTPS server a connection that never
  // starts its TLS handshake is not covered by the header timeouts at all (Node's default
  // handshake timeout is 120 s), and the same 128-connection cap applies: anyone on the LAN
  // holds every slot, still refused here 17 s later (past every HTTP timeout).
  it(
    'the LAN server cannot be filled with connections that never start TLS',
    { timeout: 60_000 },
    async () => {
      const address = '127.0.0.2' // not "loopback" to the shell's check: served like a LAN address
      const certificate = await loadOrCreateCertificate(
        mkdtempSync(join(tmpdir(), 'warroom-review-tls-')),
        address,
      )
      s = await startServer({
        server: {
          address,
          tls: { key: certificate.key, cert: certificate.cert },
          leader: false,
        },
      }).catch((error: unknown) => {
        throw new Error(`could not start the TLS server: ${String(error)}`)
      })
      const joinStatus = () =>
        new Promise<number | string>((resolve) => {
          const req = request(
            {
              host: address,
              port: s.server.port,
              path: '/join?invite=x',
              rejectUnauthorized: false,
              timeout: 5_000,
              headers: { host: `${address}:${s.server.port}` },
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
      expect(await joinStatus()).toBe(403) // an unusable invite, answered: the server works
      release = holdIdleConnections(s.server.port, address, HTTP_LIMITS.maxConnections)
      await sleep(HTTP_LIMITS.requestTimeoutMs + 2_000)
      const status = await joinStatus()
      expect(status).toBe(403) // an unusable invite, answered
    },
  )
})
