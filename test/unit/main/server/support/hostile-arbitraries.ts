import fc from 'fast-check'
import type { Target } from './known-bad-requests'
import type { Ending, RawExchange } from './raw-http'

/**
 * fast-check generators of hostile raw HTTP for the browser shell. A case is built
 * against a running server (its port and token), so each generator takes the target.
 */

const BAD_PORTS = ['99999', '-1', '1e9', '', 'abc', '65536', '0', '00080', '4750 ']

/** Mostly the usual choice, sometimes a hostile one: near-valid requests reach the handlers. */
function mostly<T>(usual: T, hostile: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: hostile })
}

const methods = mostly(
  'GET',
  fc.oneof(
    fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH'),
    fc.constantFrom('CONNECT', 'PRI', 'get', 'G ET', '', 'GET\t', 'M-SEARCH', 'SOURCE'),
    fc.stringMatching(/^[A-Z]{1,12}$/),
  ),
)

const percentBits = fc.constantFrom(
  '%zz',
  '%',
  '%0',
  '%00',
  '%2e%2e/',
  '%c0%ae',
  '%ff%fe',
  '%E2%80%AE',
  '%25',
  '%2F',
  '%u002e',
)

function targets(t: Target): fc.Arbitrary<string> {
  const ourPort = String(t.port)
  const port = fc.constantFrom(...BAD_PORTS, ourPort)
  const path = fc.constantFrom('/', '/index.html', '/app.js', '/rpc', '/__proto__', '/constructor')
  const query = fc.constantFrom(
    '',
    '?token=',
    '?token=x',
    `?token=${t.token}`,
    '?a=%zz&token=1',
    '?',
  )
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(path, query).map(([p, q]) => p + q) },
    fc.tuple(port, path, query).map(([p, a, q]) => `http://127.0.0.1:${p}${a}${q}`),
    fc
      .tuple(fc.constantFrom('ws', 'https', 'file', 'javascript'), port)
      .map(([scheme, p]) => `${scheme}://localhost:${p}/`),
    fc.constantFrom(
      'http://[::1]:99999/',
      'http://user:pw@127.0.0.1/',
      'http://[zz]/',
      'http://%zz/',
    ),
    port.map((p) => `127.0.0.1:${p}`),
    fc.constantFrom('*', '', '//evil.example/', '/\\evil.example', '/./../..', '/#x', '?x', '%2F'),
    fc
      .array(fc.oneof(percentBits, fc.stringMatching(/^[a-z/.?=&]{0,4}$/)), { maxLength: 6 })
      .map((bits) => `/${bits.join('')}`),
    fc.integer({ min: 1000, max: 12_000 }).map((n) => `/${'a'.repeat(n)}`),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  )
}

const versions = mostly(
  'HTTP/1.1',
  fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'http/1.1', 'HTTP/1.1x', 'HTTP/1.10', ''),
)
const lineEnds = mostly('\r\n', fc.constantFrom('\n', '\r', '\n\r', '\r\r\n'))

function hostileHeader(t: Target): fc.Arbitrary<string> {
  const ours = `127.0.0.1:${t.port}`
  return fc.oneof(
    fc.constantFrom(
      `Host: ${ours}`,
      `Host: localhost:${t.port}`,
      'Host: 127.0.0.1:99999',
      'Host: ',
      'Host: evil.example',
      'Host: [::1]:-1',
    ),
    fc.constantFrom(
      `Origin: http://${ours}`,
      'Origin: null',
      'Origin: http://evil.example',
      'Origin: http://127.0.0.1:99999',
      'Origin: \u00ff',
    ),
    fc.constantFrom(
      `Cookie: warroom_token_${t.port}=${t.token}`,
      `Cookie: warroom_token_${t.port}==${t.token}`,
      'Cookie: =;=;;;',
      `Cookie: ${'a=b; '.repeat(400)}`,
      `Cookie: a=${'c'.repeat(9000)}`,
    ),
    fc.constantFrom(
      'Connection: Upgrade',
      'Connection: keep-alive',
      'Connection: close',
      'Connection: upgrade, close',
      'Connection: \u0001',
    ),
    fc.constantFrom('Upgrade: websocket', 'Upgrade: h2c', 'Upgrade: WebSocket, x', 'Upgrade:'),
    fc.constantFrom(
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Key: ???',
      'Sec-WebSocket-Key:',
    ),
    fc.constantFrom(
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Version: 8',
      'Sec-WebSocket-Version: 99',
      'Sec-WebSocket-Version: abc',
    ),
    fc.constantFrom(
      'Sec-WebSocket-Protocol: ,,,',
      'Sec-WebSocket-Extensions: permessage-deflate; x=',
      'Sec-WebSocket-Extensions: ;;',
    ),
    fc.constantFrom(
      'Content-Length: 0',
      'Content-Length: 5',
      'Content-Length: -1',
      'Content-Length: abc',
      'Content-Length: 99999999999999999999',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Expect: 100-continue',
      'Expect: nonsense',
    ),
    fc.constantFrom(
      'Range: bytes=5-2',
      'Range: bytes=-5',
      'Range: bytes=abc',
      'Range: bytes=999999-',
      'Range: bytes=0-0,1-1',
      'If-None-Match: *',
    ),
    fc.constantFrom(
      `Authorization: Bearer ${t.token}`,
      `X-Token: ${t.token}`,
      'no colon here',
      'Space : before colon',
      ' folded continuation',
      ':',
      'X-Nul: a\u0000b',
    ),
    fc.integer({ min: 1000, max: 30_000 }).map((n) => `X-Big: ${'b'.repeat(n)}`),
    fc
      .integer({ min: 50, max: 3000 })
      .map((n) => Array.from({ length: n }, (_, i) => `X-${i}: v`).join('\r\n')),
    fc
      .tuple(fc.stringMatching(/^[!-~]{0,12}$/), fc.string({ unit: 'binary-ascii', maxLength: 30 }))
      .map(([k, v]) => `${k}: ${v}`),
  )
}

/** A plausible header set (Host, maybe the token cookie, maybe a WebSocket upgrade), then hostile extras. */
function headerLines(t: Target): fc.Arbitrary<string[]> {
  const host = mostly(`Host: 127.0.0.1:${t.port}`, fc.constantFrom('Host: evil.example', ''))
  const cookie = fc.constantFrom('', '', `Cookie: warroom_token_${t.port}=${t.token}`)
  const upgrade = fc.constantFrom<string[]>(
    [],
    [],
    [
      `Origin: http://127.0.0.1:${t.port}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
    ],
  )
  return fc
    .tuple(host, cookie, upgrade, fc.array(hostileHeader(t), { maxLength: 2 }))
    .map(([h, c, u, extras]) => [h, c, ...u, ...extras].filter((line) => line !== ''))
}

function request(t: Target, closing: boolean): fc.Arbitrary<string> {
  return fc
    .record({
      method: methods,
      target: targets(t),
      version: versions,
      eol: lineEnds,
      headers: headerLines(t),
      body: mostly('', fc.string({ unit: 'binary-ascii', maxLength: 20 })),
    })
    .map(({ method, target, version, eol, headers, body }) => {
      const line = [method, target, version].filter((part) => part !== '').join(' ')
      const close = closing ? ['Connection: close'] : []
      return [line, ...headers, ...close].join(eol) + eol + eol + body
    })
}

/** Bytes to send: requests (pipelined at times) or, unless waiting for an answer, garbage. */
function requestBytes(t: Target, closing: boolean): fc.Arbitrary<Buffer> {
  const requests = fc
    .array(request(t, closing), { minLength: 1, maxLength: 3 })
    .map((all) => Buffer.from(all.join(''), 'latin1'))
  // Garbage may be a prefix the parser waits on (until its timeout): only send it when not waiting.
  const garbage = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => Buffer.from(a))
  if (closing) return requests
  return fc.oneof({ weight: 6, arbitrary: requests }, { weight: 1, arbitrary: garbage })
}

/** One hostile exchange: requests (possibly pipelined), garbage, cut or dribbled. */
export function hostileExchange(t: Target): fc.Arbitrary<RawExchange> {
  const endings: Ending[] = ['wait', 'end', 'destroy', 'reset']
  return fc.oneof(...endings.map((ending) => exchangeEnding(t, ending)))
}

function exchangeEnding(t: Target, wanted: Ending): fc.Arbitrary<RawExchange> {
  return fc
    .record({
      bytes: requestBytes(t, wanted === 'wait'),
      // Where to cut the bytes short (1 = send all), and how many pieces to send them in.
      keep: mostly(1, fc.double({ min: 0.01, max: 1, noNaN: true })),
      pieces: mostly(1, fc.integer({ min: 2, max: 6 })),
      pauseMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15 })),
    })
    .map(({ bytes: all, keep, pieces, pauseMs }) => {
      const sent = all.subarray(0, Math.max(1, Math.floor(all.length * keep)))
      // Waiting for the server to close only makes sense once the whole request is sent.
      const ending = wanted === 'wait' && keep < 1 ? 'end' : wanted
      const size = Math.max(1, Math.ceil(sent.length / pieces))
      const chunks: Buffer[] = []
      for (let at = 0; at < sent.length; at += size) chunks.push(sent.subarray(at, at + size))
      return { chunks, pauseMs: chunks.length > 1 ? pauseMs : 0, ending }
    })
}
