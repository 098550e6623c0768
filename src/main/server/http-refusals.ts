/**
 * How the browser shell says no: a short plain-text answer with a fitting status, and
 * the connection closed. Over a `ServerResponse` for requests, over the raw socket for
 * refused upgrades and for requests Node's parser could not read.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'

/** How long a refused connection may take to flush its answer before it is cut. */
const REFUSAL_LINGER_MS = 2_000

function refusalBody(reason: string): string {
  return `War Room refused this request: ${reason}.\n`
}

export function refuseRequest(
  res: ServerResponse,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
): void {
  const body = refusalBody(reason)
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // A refused client has no business keeping the connection.
    Connection: 'close',
    ...headers,
  })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

/** Writes a whole HTTP response on a socket Node no longer manages, then closes it. */
export function refuseSocket(socket: Duplex, status: number, reason?: string): void {
  if (socket.destroyed) return
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const body = refusalBody(reason ?? STATUS_CODES[status] ?? 'refused')
  socket.once('finish', () => socket.destroy())
  setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS).unref()
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

/** Node's parser codes (and its own timeout) with the status they deserve; 400 otherwise. */
const PARSE_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
}

/** Whether a response on this socket has begun: raw bytes now would corrupt it. */
function responseStarted(socket: Duplex): boolean {
  // Node's own clientError default checks the same internal field.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  return inFlight?.headersSent === true
}

/**
 * A TLS failure (HTTPS: the handshake timed out, or no TLS came at all): no HTTP can be
 * spoken over that socket, and an answer would only wait to flush, holding the slot.
 */
function tlsFailure(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? ''
  return code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')
}

/**
 * The server's `clientError` handler: a request Node could not parse, a dead peer, or (on
 * HTTPS) a failed TLS handshake.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || tlsFailure(error) || responseStarted(socket)) {
    socket.destroy()
    return
  }
  refuseSocket(socket, PARSE_ERROR_STATUS[error.code ?? ''] ?? 400, 'malformed request')
}
