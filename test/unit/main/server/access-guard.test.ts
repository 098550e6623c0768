import { describe, expect, it } from 'vitest'
import { checkAccess, stripToken } from '../../../../src/main/server/access-guard'
import { readPort } from '../../../../src/main/server/options'

const policy = { token: 'secret-token', port: 4750 }
const cookie = 'other=1; warroom_token_4750=secret-token'

describe('browser shell access guard', () => {
  it.each([
    ['token in the query', { host: '127.0.0.1:4750', url: '/?token=secret-token' }, 'query'],
    ['token in the cookie', { host: '127.0.0.1:4750', url: '/', cookie }, 'cookie'],
    ['localhost name', { host: 'localhost:4750', url: '/', cookie }, 'cookie'],
    [
      'same origin',
      { host: '127.0.0.1:4750', url: '/rpc', cookie, origin: 'http://127.0.0.1:4750' },
      'cookie',
    ],
  ])('allows %s', (_name, facts, from) => {
    const verdict = checkAccess({ origin: undefined, cookie: undefined, ...facts }, policy)
    expect(verdict).toEqual({ allowed: true, tokenFrom: from })
  })

  it.each([
    ['no token', { host: '127.0.0.1:4750', url: '/' }, 401],
    ['wrong token', { host: '127.0.0.1:4750', url: '/?token=secret-tokem' }, 401],
    [
      'cookie of another port',
      { host: '127.0.0.1:4750', url: '/', cookie: 'warroom_token_1=secret-token' },
      401,
    ],
    [
      'foreign Host (DNS rebinding)',
      { host: 'evil.example:4750', url: '/?token=secret-token' },
      403,
    ],
    ['other port in Host', { host: '127.0.0.1:80', url: '/', cookie }, 403],
    ['missing Host', { host: undefined, url: '/', cookie }, 403],
    [
      'foreign Origin',
      { host: '127.0.0.1:4750', url: '/', cookie, origin: 'http://evil.example' },
      403,
    ],
    ['null Origin', { host: '127.0.0.1:4750', url: '/', cookie, origin: 'null' }, 403],
  ])('refuses %s', (_name, facts, status) => {
    const verdict = checkAccess({ origin: undefined, cookie: undefined, ...facts }, policy)
    expect(verdict).toMatchObject({ allowed: false, status })
  })

  it('strips the token but keeps the rest of the URL', () => {
    expect(stripToken('/?token=abc')).toBe('/')
    expect(stripToken('/index.html?token=abc&incident=7')).toBe('/index.html?incident=7')
  })
})

describe('browser shell port option', () => {
  it('takes --port, then WARROOM_PORT, then the fixed default', () => {
    expect(readPort(['--port', '5000'], { WARROOM_PORT: '6000' })).toBe(5000)
    expect(readPort([], { WARROOM_PORT: '6000' })).toBe(6000)
    expect(readPort([], {})).toBe(4750)
  })

  it('rejects a port that is not a port', () => {
    expect(() => readPort(['--port', 'abc'], {})).toThrow(/Invalid port "abc"/)
    expect(() => readPort(['--port', '70000'], {})).toThrow(/Invalid port/)
  })
})
