import { timingSafeEqual } from 'node:crypto'

/**
 * Who may talk to the browser shell: only pages it served itself, on the loopback
 * address, holding this launch's token. The Host check defeats DNS rebinding (a foreign
 * name resolving to 127.0.0.1), the Origin check defeats other local pages.
 */
export interface AccessPolicy {
  token: string
  port: number
}

export interface RequestFacts {
  host: string | undefined
  origin: string | undefined
  cookie: string | undefined
  /** The request target, as in `IncomingMessage.url`: anything a client sent. */
  url: string
}

export type AccessVerdict =
  | { allowed: true; tokenFrom: 'query' | 'cookie' }
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

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
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

/** Never throws, whatever the facts: every refusal is a verdict. */
export function checkAccess(facts: RequestFacts, policy: AccessPolicy): AccessVerdict {
  const target = parseTarget(facts.url)
  if (!target) return { allowed: false, status: 400, reason: 'the target must be a path' }
  const hosts = allowedHosts(policy.port)
  if (!facts.host || !hosts.includes(facts.host.toLowerCase())) {
    return { allowed: false, status: 403, reason: 'foreign Host header' }
  }
  if (facts.origin !== undefined && !hosts.some((h) => facts.origin === `http://${h}`)) {
    return { allowed: false, status: 403, reason: 'foreign Origin' }
  }
  const query = target.searchParams.get('token')
  if (query !== null && sameSecret(query, policy.token)) {
    return { allowed: true, tokenFrom: 'query' }
  }
  const cookie = readCookie(facts.cookie, tokenCookieName(policy.port))
  if (cookie !== undefined && sameSecret(cookie, policy.token)) {
    return { allowed: true, tokenFrom: 'cookie' }
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
