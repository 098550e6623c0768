import { timingSafeEqual } from 'node:crypto'

/**
 * Who may talk to the browser shell: only pages it served itself, on the loopback
 * address, holding this launch's token. The Host check defeats DNS rebinding (a foreign
 * name resolving to 127.0.0.1), the Origin check defeats other local pages.
 */
export interface AccessPolicy {
  /** This launch's leader token; null on a server that serves participants only. */
  token: string | null
  port: number
  /** Names this server answers to (default: 127.0.0.1 and localhost). */
  hostnames?: readonly string[]
  scheme?: 'http' | 'https'
  /** The participant session behind a participant cookie's secret (null: unknown, revoked). */
  participant?: (secret: string) => string | null
}

export interface RequestFacts {
  host: string | undefined
  origin: string | undefined
  cookie: string | undefined
  /** The request target, as in `IncomingMessage.url`: anything a client sent. */
  url: string
  /**
   * Which credential counts: the leader's token, a participant's cookie, or either (the
   * page's files; default). A participant's page asks for its socket with `?as=participant`.
   */
  as?: 'leader' | 'participant' | 'either'
}

export type AccessVerdict =
  | { allowed: true; tokenFrom: 'query' | 'cookie' }
  | { allowed: true; tokenFrom: 'participant'; participantId: string }
  | { allowed: false; status: 400 | 401 | 403; reason: string }

/**
 * The request target as a URL, or undefined when it is not a path (absolute-,
 * authority- or asterisk-form) or does not parse. The path is appended to a fixed
 * origin rather than resolved against it, so `//evil.example/x` stays a path here.
 */
export function parseTarget(url: string): URL | undefined {
  if (!url.startsWith('/')) return undefined
  try {
    return new URL(`http://placeholder${url}`)
  } catch {
    return undefined
  }
}

export function tokenCookieName(port: number): string {
  // Cookies are shared across ports of one host: name them per port.
  return `warroom_token_${port}`
}

/** The cookie an invite link leaves in the participant's browser (one per port too). */
export function participantCookieName(port: number): string {
  return `warroom_participant_${port}`
}

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const

export function allowedHosts(policy: Pick<AccessPolicy, 'port' | 'hostnames'>): string[] {
  return (policy.hostnames ?? LOOPBACK_NAMES).map((name) => `${name}:${policy.port}`)
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

/**
 * Only this server's own names in Host (defeats DNS rebinding) and, when sent, its own
 * origin in Origin (defeats other pages). Null when both are fine.
 */
export function checkHostAndOrigin(
  facts: Pick<RequestFacts, 'host' | 'origin'>,
  policy: Pick<AccessPolicy, 'port' | 'hostnames' | 'scheme'>,
): Extract<AccessVerdict, { allowed: false }> | null {
  const hosts = allowedHosts(policy)
  if (!facts.host || !hosts.includes(facts.host.toLowerCase())) {
    return { allowed: false, status: 403, reason: 'foreign Host header' }
  }
  const scheme = policy.scheme ?? 'http'
  if (facts.origin !== undefined && !hosts.some((h) => facts.origin === `${scheme}://${h}`)) {
    return { allowed: false, status: 403, reason: 'foreign Origin' }
  }
  return null
}

/** Never throws, whatever the facts: every refusal is a verdict. */
export function checkAccess(facts: RequestFacts, policy: AccessPolicy): AccessVerdict {
  const target = parseTarget(facts.url)
  if (!target) return { allowed: false, status: 400, reason: 'the target must be a path' }
  const hostError = checkHostAndOrigin(facts, policy)
  if (hostError) return hostError
  const as = facts.as ?? 'either'
  const token = policy.token
  if (as !== 'participant' && token !== null) {
    const query = target.searchParams.get('token')
    if (query !== null && sameSecret(query, token)) return { allowed: true, tokenFrom: 'query' }
    const cookie = readCookie(facts.cookie, tokenCookieName(policy.port))
    if (cookie !== undefined && sameSecret(cookie, token)) {
      return { allowed: true, tokenFrom: 'cookie' }
    }
  }
  if (as !== 'leader' && policy.participant) {
    const secret = readCookie(facts.cookie, participantCookieName(policy.port))
    const participantId = secret === undefined ? null : policy.participant(secret)
    if (participantId !== null) return { allowed: true, tokenFrom: 'participant', participantId }
  }
  return { allowed: false, status: 401, reason: 'missing or wrong token' }
}

/**
 * The URL without its token, so the token leaves the address bar of a shared screen.
 * Always a path on this server (one leading slash: `//host` would leave it); `/` when
 * the URL is not a path at all.
 */
export function stripToken(url: string): string {
  const parsed = parseTarget(url)
  if (!parsed) return '/'
  parsed.searchParams.delete('token')
  return `/${parsed.pathname.replace(/^\/+/, '')}${parsed.search}`
}
