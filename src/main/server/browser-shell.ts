import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import { MAX_SOCKET_MESSAGE_BYTES } from '../../shared/rpc/socket-protocol'
import type { Host } from '../core/host'
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy'
import { createConnectionSlots } from './connection-slots'
import { createRequestHandler, createUpgradeHandler, type HandlerContext } from './http-handlers'
import { HTTP_LIMITS, type HttpLimits } from './http-limits'
import { answerClientError, refuseSocket } from './http-refusals'
import { requireRequestLine } from './request-line-deadline'

export { SOCKET_PATH } from './http-handlers'

/** The only address the browser shell ever binds. */
export const LOOPBACK = '127.0.0.1'
/** Fixed default port: IndexedDB is kept per origin, so a new port would look like lost data. */
export const DEFAULT_PORT = 4750

export interface BrowserShellOptions {
  host: Host
  rendererDir: string
  port: number
  /**
   * The address to bind: loopback by default. Any other address serves participants only
   * (never the leader's token) and only over HTTPS (`tls`).
   */
  address?: string
  /** Certificate and key (PEM) for HTTPS: required off loopback. */
  tls?: { key: string; cert: string }
  /** Serve the leader's session (the launch token): loopback only; false for a participant server. */
  leader?: boolean
  /** Tighter or looser limits (tests); HTTP_LIMITS otherwise. */
  limits?: Partial<HttpLimits>
  /** Where unexpected handler and server failures are told; the console by default. */
  report?: (error: unknown) => void
}

export interface BrowserShell {
  /** The URL to open, holding this launch's token (null on a participant-only server). */
  url: string | null
  /** Where invite links point: scheme, address and port. */
  origin: string
  port: number
  close(): Promise<void>
}

export class PortTakenError extends Error {
  constructor(
    readonly port: number,
    address: string = LOOPBACK,
  ) {
    super(
      `Port ${port} on ${address} is already in use (another War Room?). ` +
        `Stop it or choose another port with --port N or WARROOM_PORT=N ` +
        `(notes saved in the browser are kept per port).`,
    )
  }
}

function reportToConsole(error: unknown): void {
  console.error('War Room browser shell: an error (answered, and still serving):', error)
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const address = options.address ?? LOOPBACK
  const loopback = address === LOOPBACK
  if (!loopback && !options.tls) {
    throw new Error(`Plain HTTP never leaves loopback: serving ${address} needs HTTPS.`)
  }
  // The leader's token is only ever good on loopback.
  const serveLeader = (options.leader ?? true) && loopback
  const token = serveLeader ? randomBytes(32).toString('base64url') : null
  const scheme = options.tls ? 'https' : 'http'
  const limits = { ...HTTP_LIMITS, ...options.limits }
  const serveStatic = sirv(options.rendererDir, {
    etag: true,
    setHeaders: (res) => {
      for (const [key, value] of Object.entries(securityHeaders)) res.setHeader(key, value)
    },
  })
  let port = options.port
  const report = options.report ?? reportToConsole
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES })
  const slots = createConnectionSlots({
    maxConnections: limits.maxConnections,
    // On loopback every peer is 127.0.0.1, the leader included: the server's cap is the one.
    maxConnectionsPerPeer: loopback ? Infinity : limits.maxConnectionsPerPeer,
    maxConnectionsPerParticipant: limits.maxConnectionsPerParticipant,
    // A participants-only server (the LAN one, Electron's) has no leader to keep room for.
    leaderReservedConnections: serveLeader ? limits.leaderReservedConnections : 0,
  })
  const context: HandlerContext = {
    host: options.host,
    token,
    scheme,
    ...(loopback ? {} : { hostnames: [address] }),
    port: () => port,
    limits,
    serveStatic,
    sockets,
    report,
    admitted: (socket, principal, use) => slots.admit(socket, principal, use),
  }

  const handleRequest = createRequestHandler(context)
  const serverOptions = {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    requireHostHeader: true,
  }
  const server: Server = options.tls
    ? createTlsServer(
        { ...serverOptions, ...options.tls, handshakeTimeout: limits.tlsHandshakeTimeoutMs },
        handleRequest,
      )
    : createServer(serverOptions, handleRequest)
  // Connections are counted from accept (before TLS), and our own cap replaces Node's
  // maxConnections, which refuses the newest: here the oldest without a credential makes room.
  const httpSocket = (socket: Socket) => {
    slots.attach(socket)
    requireRequestLine(socket, limits.requestLineTimeoutMs)
  }
  server.on('connection', (raw: Socket) => {
    if (slots.take(raw) && !options.tls) httpSocket(raw)
  })
  // On HTTPS, HTTP reads from the TLS socket, there once the handshake is done.
  if (options.tls) server.on('secureConnection', httpSocket)
  // `Expect: 100-continue` asks leave to send a body; no request here may have one, so the
  // request is answered as it stands (413 when it announces a body) without a 100 first.
  server.on('checkContinue', handleRequest)
  // One more than allowed, so that "too many" can be seen (Node drops the excess silently).
  server.maxHeadersCount = limits.maxHeaderCount + 1
  server.on('clientError', answerClientError)
  server.on('upgrade', createUpgradeHandler(context))
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy())
    refuseSocket(socket, 405, 'CONNECT is not served')
  })

  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortTakenError(options.port, address) : error)
    server.once('error', failed)
    server.listen(options.port, address, () => {
      server.off('error', failed)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  // Once listening, a server error (out of descriptors on accept) is told, not thrown.
  server.on('error', report)

  const origin = `${scheme}://${address}:${port}`
  return {
    url: token === null ? null : `${origin}/?token=${token}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
