import type { Ending, RawExchange } from './raw-http'

export interface Target {
  port: number
  token: string
}

export interface KnownCase {
  name: string
  raw: (target: Target) => RawExchange
  /** The statuses the server must answer, in order; [] when it must just close. */
  expect: number[]
  /** A header line the answer must not carry (checked on the raw bytes). */
  forbid?: RegExp
}

const CRLF = '\r\n'

/** A request from its lines (request line first), ended by the blank line. */
export function http(lines: string[], options: { body?: string; ending?: Ending } = {}) {
  const text = lines.join(CRLF) + CRLF + CRLF + (options.body ?? '')
  return { chunks: [Buffer.from(text, 'latin1')], pauseMs: 0, ending: options.ending ?? 'end' }
}

export const host = (t: Target) => `Host: 127.0.0.1:${t.port}`
export const origin = (t: Target) => `Origin: http://127.0.0.1:${t.port}`
export const cookie = (t: Target) => `Cookie: warroom_token_${t.port}=${t.token}`
export const KEY = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='
export const upgrade = ['Connection: Upgrade', 'Upgrade: websocket']
export const wsHeaders = (t: Target) => [
  host(t),
  origin(t),
  ...upgrade,
  KEY,
  'Sec-WebSocket-Version: 13',
]
const manyHeaders = (count: number) => Array.from({ length: count }, (_, i) => `X-H${i}: v`)

/** Requests that broke or could break the browser shell, each with the answer it must get. */
export const knownBadCases: KnownCase[] = [
  // Found against main: new URL() threw in the access check and the process exited.
  {
    name: 'absolute-form target with port 99999',
    raw: (t) => http(['GET http://127.0.0.1:99999/ HTTP/1.1', host(t)]),
    expect: [400],
  },
  {
    name: 'absolute-form WebSocket upgrade with port 99999',
    raw: (t) => http(['GET http://127.0.0.1:99999/rpc HTTP/1.1', ...wsHeaders(t)]),
    expect: [400],
  },
  ...['-1', '1e9', '', 'abc', '65536'].map((port) => ({
    name: `absolute-form target with port "${port}"`,
    raw: (t: Target) => http([`GET http://127.0.0.1:${port}/?token=${t.token} HTTP/1.1`, host(t)]),
    expect: [400],
  })),
  {
    name: 'absolute-form target naming this very server, token included',
    raw: (t) => http([`GET http://127.0.0.1:${t.port}/?token=${t.token} HTTP/1.1`, host(t)]),
    expect: [400],
  },
  {
    name: 'authority-form target',
    raw: (t) => http(['GET 127.0.0.1:99999 HTTP/1.1', host(t)]),
    expect: [400],
  },
  {
    name: 'CONNECT with a bad port',
    raw: (t) => http(['CONNECT 127.0.0.1:99999 HTTP/1.1', host(t)]),
    expect: [405],
  },
  {
    name: 'asterisk-form OPTIONS',
    raw: (t) => http(['OPTIONS * HTTP/1.1', host(t)]),
    expect: [405],
  },
  { name: 'asterisk-form GET', raw: (t) => http(['GET * HTTP/1.1', host(t)]), expect: [400] },
  {
    name: 'Range running backwards (sirv would hand fs a start after the end)',
    raw: (t) =>
      http(['GET /app.js HTTP/1.1', host(t), cookie(t), 'Range: bytes=5-2', 'Connection: close'], {
        ending: 'wait',
      }),
    expect: [200],
  },
  {
    name: 'prototype key as a path',
    raw: (t) => http(['GET /__proto__ HTTP/1.1', host(t), cookie(t)]),
    expect: [404],
  },
  {
    name: 'invalid percent-encoding with the token cookie',
    raw: (t) => http(['GET /%zz%E0%A4%A HTTP/1.1', host(t), cookie(t)]),
    expect: [404],
  },
  {
    name: 'NUL and dot segments, percent-encoded',
    raw: (t) => http(['GET /%00/%2e%2e/%2e%2e/etc/passwd HTTP/1.1', host(t), cookie(t)]),
    expect: [404],
  },
  {
    name: 'invalid percent-encoding in the token',
    raw: (t) => http([`GET /?token=%zz${t.token} HTTP/1.1`, host(t)]),
    expect: [401],
  },
  {
    name: 'token redirect keeps the Location on this server',
    raw: (t) => http([`GET //evil.example/x?token=${t.token} HTTP/1.1`, host(t)]),
    expect: [303],
    forbid: /^Location: \/\//im,
  },
  {
    name: 'overlong URL within the header limit',
    raw: (t) => http([`GET /${'a'.repeat(4000)} HTTP/1.1`, host(t), cookie(t)]),
    expect: [414],
  },
  {
    name: 'overlong URL beyond the header limit',
    raw: (t) => http([`GET /${'a'.repeat(70_000)} HTTP/1.1`, host(t)]),
    expect: [431],
  },
  {
    name: 'two hundred headers',
    raw: (t) => http(['GET / HTTP/1.1', host(t), cookie(t), ...manyHeaders(200)]),
    expect: [431],
  },
  {
    name: 'one huge header',
    raw: (t) => http(['GET / HTTP/1.1', host(t), `X-Big: ${'b'.repeat(20_000)}`]),
    expect: [431],
  },
  {
    name: 'huge cookie',
    raw: (t) => http(['GET / HTTP/1.1', host(t), `Cookie: a=${'c'.repeat(20_000)}`]),
    expect: [431],
  },
  {
    name: 'a thousand small cookies',
    raw: (t) => http(['GET / HTTP/1.1', host(t), `Cookie: ${'a=b; '.repeat(1000)}`]),
    expect: [401],
  },
  {
    name: 'malformed cookies',
    raw: (t) => http(['GET / HTTP/1.1', host(t), `Cookie: =;=;;; warroom_token_${t.port}`]),
    expect: [401],
  },
  {
    name: 'duplicate Host (one of them ours)',
    raw: (t) => http(['GET / HTTP/1.1', host(t), 'Host: evil.example', cookie(t)]),
    expect: [400],
  },
  {
    name: 'POST with a body',
    raw: (t) => http(['POST / HTTP/1.1', host(t), cookie(t), 'Content-Length: 3'], { body: 'abc' }),
    expect: [405],
  },
  {
    name: 'GET with a body',
    raw: (t) => http(['GET / HTTP/1.1', host(t), cookie(t), 'Content-Length: 3'], { body: 'abc' }),
    expect: [413],
  },
  {
    name: 'GET asking leave to send a body (Expect: 100-continue)',
    raw: (t) =>
      http(['GET / HTTP/1.1', host(t), cookie(t), 'Content-Length: 5', 'Expect: 100-continue']),
    expect: [413],
  },
  {
    name: 'GET with a chunked body',
    raw: (t) =>
      http(['GET / HTTP/1.1', host(t), cookie(t), 'Transfer-Encoding: chunked'], {
        body: '3\r\nabc\r\n0\r\n\r\n',
      }),
    expect: [413],
  },
  {
    name: 'negative Content-Length',
    raw: (t) => http(['GET / HTTP/1.1', host(t), 'Content-Length: -1']),
    expect: [400],
  },
  { name: 'HTTP/1.0 without Host', raw: () => http(['GET / HTTP/1.0']), expect: [403] },
  { name: 'HTTP/1.1 without Host', raw: () => http(['GET / HTTP/1.1']), expect: [400] },
  { name: 'HTTP/2.0 request line', raw: (t) => http(['GET / HTTP/2.0', host(t)]), expect: [505] },
  {
    name: 'obsolete line folding',
    raw: (t) => http(['GET / HTTP/1.1', host(t), 'X-A: a', ' folded']),
    expect: [400],
  },
  {
    name: 'truncated mid request line',
    raw: () => ({ chunks: [Buffer.from('GET /ind')], pauseMs: 0, ending: 'end' }),
    expect: [400],
  },
  {
    name: 'truncated mid headers',
    raw: (t) => ({
      chunks: [Buffer.from(`GET / HTTP/1.1\r\n${host(t)}\r\nX-`)],
      pauseMs: 0,
      ending: 'end',
    }),
    expect: [400],
  },
  {
    name: 'binary garbage',
    raw: () => ({ chunks: [Buffer.from([0, 255, 13, 10, 13, 10, 7])], pauseMs: 0, ending: 'end' }),
    expect: [400],
  },
  {
    // The refusal closes the connection: the third request is never read.
    name: 'pipelined: good, absolute-form, good',
    raw: (t) => ({
      chunks: [
        Buffer.from(
          `GET / HTTP/1.1\r\n${host(t)}\r\n${cookie(t)}\r\n\r\n` +
            `GET http://127.0.0.1:99999/ HTTP/1.1\r\n${host(t)}\r\n\r\n` +
            `GET / HTTP/1.1\r\n${host(t)}\r\n${cookie(t)}\r\nConnection: close\r\n\r\n`,
        ),
      ],
      pauseMs: 0,
      ending: 'wait',
    }),
    expect: [200, 400],
  },
]
