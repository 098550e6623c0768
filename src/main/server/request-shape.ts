/**
 * The shape every request to the browser shell must have before anyone looks at what it
 * asks for: HTTP/1.x, GET or HEAD, an origin-form target of bounded length, one Host,
 * no body, a bounded number of headers. Pure, so hostile inputs can be unit-tested.
 */
import type { HttpLimits } from './http-limits'

export interface RequestHead {
  method?: string | undefined
  url?: string | undefined
  httpVersionMajor: number
  /** As in `IncomingMessage.rawHeaders`: name, value, name, value… */
  rawHeaders: string[]
}

export type ShapeVerdict =
  { ok: true } | { ok: false; status: 400 | 405 | 413 | 414 | 431 | 505; reason: string }

/** The only methods served: the renderer's files and the WebSocket upgrade. */
export const ALLOWED_METHODS = ['GET', 'HEAD'] as const

/** Headers a request may carry once only: a second copy is ambiguous. */
const SINGLE_HEADERS = new Set([
  'host',
  'origin',
  'sec-websocket-key',
  'sec-websocket-version',
  'content-length',
])

function headerNames(rawHeaders: string[]): string[] {
  return rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase())
}

function hasBody(names: string[], rawHeaders: string[]): boolean {
  return names.some((name, index) => {
    if (name === 'transfer-encoding') return true
    return name === 'content-length' && rawHeaders[index * 2 + 1]?.trim() !== '0'
  })
}

export function checkRequestShape(head: RequestHead, limits: HttpLimits): ShapeVerdict {
  const names = headerNames(head.rawHeaders)
  const url = head.url ?? ''
  if (names.length > limits.maxHeaderCount) {
    return { ok: false, status: 431, reason: 'too many headers' }
  }
  if (head.httpVersionMajor !== 1) {
    return { ok: false, status: 505, reason: 'only HTTP/1.x is served' }
  }
  if (!(ALLOWED_METHODS as readonly string[]).includes(head.method ?? '')) {
    return { ok: false, status: 405, reason: 'only GET and HEAD are served' }
  }
  if (url.length > limits.maxUrlLength) {
    return { ok: false, status: 414, reason: 'address too long' }
  }
  if (!url.startsWith('/')) {
    return { ok: false, status: 400, reason: 'the target must be a path (origin-form)' }
  }
  const repeated = names.find(
    (name, index) => SINGLE_HEADERS.has(name) && names.indexOf(name) !== index,
  )
  if (repeated !== undefined) {
    return { ok: false, status: 400, reason: `more than one ${repeated} header` }
  }
  if (hasBody(names, head.rawHeaders)) {
    return { ok: false, status: 413, reason: 'requests here carry no body' }
  }
  return { ok: true }
}
