import {
  KEY,
  cookie,
  host,
  http,
  origin,
  upgrade,
  wsHeaders,
  type KnownCase,
} from './known-bad-requests'

/** WebSocket upgrades with every header wrong, one at a time, each with the answer it must get. */
export const knownBadUpgrades: KnownCase[] = [
  {
    name: 'upgrade without a token',
    raw: (t) => http(['GET /rpc HTTP/1.1', ...wsHeaders(t)]),
    expect: [401],
  },
  {
    name: 'upgrade with the token in an Authorization header',
    raw: (t) => http(['GET /rpc HTTP/1.1', ...wsHeaders(t), `Authorization: Bearer ${t.token}`]),
    expect: [401],
  },
  {
    name: 'upgrade with the token in the fragment',
    raw: (t) => http([`GET /rpc#token=${t.token} HTTP/1.1`, ...wsHeaders(t)]),
    expect: [401],
  },
  {
    name: 'upgrade without Origin',
    raw: (t) =>
      http(['GET /rpc HTTP/1.1', host(t), cookie(t), ...upgrade, KEY, 'Sec-WebSocket-Version: 13']),
    expect: [403],
  },
  {
    name: 'upgrade from a foreign Origin',
    raw: (t) =>
      http([
        'GET /rpc HTTP/1.1',
        ...wsHeaders(t).slice(2),
        host(t),
        'Origin: http://evil.example',
        cookie(t),
      ]),
    expect: [403],
  },
  {
    name: 'upgrade with a foreign Host',
    raw: (t) =>
      http(['GET /rpc HTTP/1.1', 'Host: evil.example', origin(t), ...upgrade, KEY, cookie(t)]),
    expect: [403],
  },
  {
    name: 'upgrade without Sec-WebSocket-Key',
    raw: (t) =>
      http([
        'GET /rpc HTTP/1.1',
        host(t),
        origin(t),
        cookie(t),
        ...upgrade,
        'Sec-WebSocket-Version: 13',
      ]),
    expect: [400],
  },
  {
    name: 'upgrade with a garbage Sec-WebSocket-Key',
    raw: (t) =>
      http([
        'GET /rpc HTTP/1.1',
        host(t),
        origin(t),
        cookie(t),
        ...upgrade,
        'Sec-WebSocket-Key: ???',
        'Sec-WebSocket-Version: 13',
      ]),
    expect: [400],
  },
  {
    name: 'upgrade with a wrong version',
    raw: (t) =>
      http([
        'GET /rpc HTTP/1.1',
        host(t),
        origin(t),
        cookie(t),
        ...upgrade,
        KEY,
        'Sec-WebSocket-Version: 99',
      ]),
    expect: [400],
  },
  {
    name: 'upgrade to another path',
    raw: (t) => http(['GET /other HTTP/1.1', ...wsHeaders(t), cookie(t)]),
    expect: [404],
  },
  {
    name: 'upgrade by POST',
    raw: (t) => http(['POST /rpc HTTP/1.1', ...wsHeaders(t), cookie(t)]),
    expect: [405],
  },
  {
    name: 'upgrade to h2c',
    raw: (t) =>
      http([
        'GET /rpc HTTP/1.1',
        host(t),
        cookie(t),
        'Connection: Upgrade, HTTP2-Settings',
        'Upgrade: h2c',
      ]),
    expect: [403],
  },
  {
    name: 'refused upgrade whose client resets the connection at once',
    raw: (t) => http(['GET /rpc HTTP/1.1', ...wsHeaders(t)], { ending: 'reset' }),
    expect: [],
  },
]
