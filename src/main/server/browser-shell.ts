import { randomBytes } from 'node:crypto'
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import { MAX_SOCKET_MESSAGE_BYTES } from '../../shared/rpc/socket-protocol'
import type { Host } from '../core/host'
import { checkAccess, stripToken, tokenCookieName, type RequestFacts } from './access-guard'
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy'
import { bridgeSocket } from './socket-bridge'

/** The only address the browser shell ever binds. */
export const LOOPBACK = '127.0.0.1'
/** Fixed default port: IndexedDB is kept per origin, so a new port would look like lost data. */
export const DEFAULT_PORT = 4750
/** Path of the one WebSocket carrying the contract. */
export const SOCKET_PATH = '/rpc'

export interface BrowserShellOptions {
  host: Host
  rendererDir: string
  port: number
}

export interface BrowserShell {
  /** The URL to open, holding this launch's token. */
  url: string
  port: number
  close(): Promise<void>
}

export class PortTakenError extends Error {
  constructor(readonly port: number) {
    super(
      `Port ${port} on ${LOOPBACK} is already in use (another War Room?). ` +
        `Stop it or choose another port with --port N or WARROOM_PORT=N ` +
        `(notes saved in the browser are kept per port).`,
    )
  }
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

function factsOf(req: IncomingMessage): RequestFacts {
  return {
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
    url: req.url ?? '/',
  }
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = randomBytes(32).toString('base64url')
  const serveStatic = sirv(options.rendererDir, {
    etag: true,
    setHeaders: (res) => {
      for (const [key, value] of Object.entries(securityHeaders)) res.setHeader(key, value)
    },
  })
  let port = options.port

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const verdict = checkAccess(factsOf(req), { token, port })
    if (!verdict.allowed) {
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`War Room refused this request: ${verdict.reason}.\n`)
      return
    }
    if (verdict.tokenFrom === 'query') {
      res.writeHead(303, {
        'Set-Cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: stripToken(req.url ?? '/'),
        'Cache-Control': 'no-store',
      })
      res.end()
      return
    }
    serveStatic(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Not found\n')
    })
  })

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkAccess(factsOf(req), { token, port })
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname
    // Browsers always send Origin on a WebSocket upgrade: one without it is not our page.
    const status = !verdict.allowed
      ? verdict.status
      : path !== SOCKET_PATH
        ? 404
        : req.headers.origin === undefined
          ? 403
          : 0
    if (status !== 0) {
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`)
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => bridgeSocket(ws, options.host))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortTakenError(options.port) : error),
    )
    server.listen(options.port, LOOPBACK, () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
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
