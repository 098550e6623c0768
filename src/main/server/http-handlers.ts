/**
 * The browser shell's request and upgrade handlers. Each is total: whatever arrives is
 * answered with a status and the server keeps serving; a last-resort catch answers 500
 * (a bug to fix, never a crash).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket, WebSocketServer } from 'ws'
import type { Host } from '../core/host'
import type { Principal } from '../core/access/authorize'
import {
  checkAccess,
  checkHostAndOrigin,
  parseTarget,
  participantCookieName,
  stripToken,
  tokenCookieName,
  type AccessVerdict,
} from './access-guard'
import type { HttpLimits } from './http-limits'
import { refuseRequest, refuseSocket } from './http-refusals'
import type { SlotRefusal, SlotUse } from './connection-slots'
import { ALLOWED_METHODS, checkRequestShape, type ShapeVerdict } from './request-shape'
import { bridgeSocket } from './socket-bridge'

/** Path of the one WebSocket carrying the contract. */
export const SOCKET_PATH = '/rpc'
/** Where an invite link leads: its one-time token becomes the participant's cookie. */
export const JOIN_PATH = '/join'

type StaticHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

export interface HandlerContext {
  host: Host
  /** The leader's token; null on a server for participants only (LAN, Electron's). */
  token: string | null
  /** Names this server answers to (default: the loopback names). */
  hostnames?: readonly string[]
  scheme: 'http' | 'https'
  /** The bound port (known once listening): the Host and Origin to expect. */
  port(): number
  limits: HttpLimits
  serveStatic: StaticHandler
  sockets: WebSocketServer
  /** Where a handler's unexpected failure is told (the console in production). */
  report(error: unknown): void
  /**
   * The connection behind this socket showed this session's credential: it keeps its slot,
   * or is refused (its session, or participants altogether, hold all they may).
   */
  admitted(socket: Duplex, principal: Principal, use: SlotUse): SlotRefusal | null
}

type ShapeStatus = Extract<ShapeVerdict, { ok: false }>['status']
type AccessStatus = Extract<AccessVerdict, { allowed: false }>['status']
type Admission =
  | { ok: true; tokenFrom: 'query' | 'cookie' | 'participant'; principal: Principal }
  | { ok: false; status: ShapeStatus | AccessStatus; reason: string }

const policyOf = (context: HandlerContext) => ({
  token: context.token,
  port: context.port(),
  scheme: context.scheme,
  ...(context.hostnames ? { hostnames: context.hostnames } : {}),
  participant: (secret: string) => context.host.participant(secret)?.participantId ?? null,
})

/** Whether a request is well formed and holds a credential, before anything else is done. */
function admit(
  req: IncomingMessage,
  context: HandlerContext,
  as: 'leader' | 'participant' | 'either' = 'either',
): Admission {
  const shape = checkRequestShape(req, context.limits)
  if (!shape.ok) return shape
  const verdict = checkAccess(
    {
      host: req.headers.host,
      origin: req.headers.origin,
      cookie: req.headers.cookie,
      url: req.url ?? '',
      as,
    },
    policyOf(context),
  )
  if (!verdict.allowed) return { ok: false, status: verdict.status, reason: verdict.reason }
  const principal: Principal =
    verdict.tokenFrom === 'participant'
      ? { kind: 'participant', participantId: verdict.participantId }
      : { kind: 'leader' }
  return { ok: true, tokenFrom: verdict.tokenFrom, principal }
}

/**
 * An invite link: its one-time token is exchanged for the participant's cookie (HttpOnly,
 * SameSite=Strict) and the browser goes on to the participant's page. A used, revoked or
 * expired token gets 403 and a sentence saying so.
 */
function join(req: IncomingMessage, res: ServerResponse, context: HandlerContext): boolean {
  const target = parseTarget(req.url ?? '')
  if (target?.pathname !== JOIN_PATH) return false
  const shape = checkRequestShape(req, context.limits)
  if (!shape.ok) {
    refuseRequest(res, shape.status, shape.reason)
    return true
  }
  const refusal = checkHostAndOrigin(
    { host: req.headers.host, origin: req.headers.origin },
    policyOf(context),
  )
  if (refusal) {
    refuseRequest(res, refusal.status, refusal.reason)
    return true
  }
  // Where the link was followed from goes on the record and the role board.
  const redeemed = context.host.redeemInvite(target.searchParams.get('invite') ?? '', {
    remoteAddress: req.socket.remoteAddress,
    localAddress: req.socket.localAddress,
    userAgent: req.headers['user-agent'],
  })
  if (!redeemed) {
    refuseRequest(
      res,
      403,
      'this invite link was already used, revoked or has expired; ask the leader for a new one',
    )
    return true
  }
  const participant: Principal = {
    kind: 'participant',
    participantId: redeemed.participant.participantId,
  }
  // The link is used up now: its person gets their cookie even when the server is full
  // (the redirect's connection is the one that may be refused, with a sentence saying why).
  const kept = context.admitted(req.socket, participant, 'request') === null
  const secure = context.scheme === 'https' ? '; Secure' : ''
  res.writeHead(303, {
    'Set-Cookie': `${participantCookieName(context.port())}=${redeemed.secret}; HttpOnly; SameSite=Strict; Path=/${secure}`,
    Location: '/?as=participant',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    ...(kept ? {} : { Connection: 'close' }),
  })
  res.end()
  return true
}

function serve(req: IncomingMessage, res: ServerResponse, context: HandlerContext): void {
  if (join(req, res, context)) return
  const admission = admit(req, context)
  if (!admission.ok) {
    const allow = admission.status === 405 ? { Allow: ALLOWED_METHODS.join(', ') } : undefined
    refuseRequest(res, admission.status, admission.reason, allow)
    return
  }
  const refused = context.admitted(req.socket, admission.principal, 'request')
  if (refused) {
    refuseRequest(res, refused.status, refused.reason)
    return
  }
  const url = req.url ?? '/'
  if (admission.tokenFrom === 'query') {
    const port = context.port()
    res.writeHead(303, {
      'Set-Cookie': `${tokenCookieName(port)}=${context.token ?? ''}; HttpOnly; SameSite=Strict; Path=/`,
      Location: stripToken(url),
      'Cache-Control': 'no-store',
    })
    res.end()
    return
  }
  // Ranges are optional (RFC 9110) and the renderer needs none; sirv's range code would
  // hand fs a start past the end for `bytes=5-2` and throw.
  delete req.headers.range
  // sirv pipes a file stream into the response without listening for its errors (a file
  // removed by a rebuild): end the response instead of the process.
  res.on('pipe', (source) => source.on('error', () => res.destroy()))
  context.serveStatic(req, res, () => refuseRequest(res, 404, 'not found'))
}

export function createRequestHandler(context: HandlerContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.on('error', () => res.destroy())
    try {
      serve(req, res, context)
    } catch (error) {
      context.report(error)
      if (res.headersSent) res.destroy()
      else refuseRequest(res, 500, 'internal error')
    }
  }
}

function accept(ws: WebSocket, context: HandlerContext, principal: Principal): void {
  try {
    bridgeSocket(ws, context.host, principal)
  } catch (error) {
    context.report(error)
    ws.close(1011, 'internal error')
  }
}

export function createUpgradeHandler(context: HandlerContext) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node has let go of this socket: without a listener, a peer's reset would be thrown.
    socket.on('error', () => socket.destroy())
    let handedOver = false
    try {
      const target = parseTarget(req.url ?? '')
      const path = target?.pathname
      // A participant's page asks for its socket as such; any other socket is the leader's.
      const as = target?.searchParams.get('as') === 'participant' ? 'participant' : 'leader'
      const admission = admit(req, context, as)
      if (!admission.ok) return refuseSocket(socket, admission.status, admission.reason)
      if (path !== SOCKET_PATH) return refuseSocket(socket, 404, 'not found')
      // Browsers always send Origin on a WebSocket upgrade: one without it is not our page.
      if (req.headers.origin === undefined) return refuseSocket(socket, 403, 'no Origin')
      // A window's WebSocket lives as long as the window: its slot is not taken back for
      // another of its session's (see connection-slots.ts).
      const refused = context.admitted(socket, admission.principal, 'websocket')
      if (refused) return refuseSocket(socket, refused.status, refused.reason)
      handedOver = true
      // ws answers a bad handshake (key, version, method) with 400/405 itself.
      const principal = admission.principal
      context.sockets.handleUpgrade(req, socket, head, (ws) => accept(ws, context, principal))
    } catch (error) {
      context.report(error)
      if (handedOver) socket.destroy()
      else refuseSocket(socket, 500, 'internal error')
    }
  }
}
