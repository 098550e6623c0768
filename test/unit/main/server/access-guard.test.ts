import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkAccess, stripToken } from '../../../../src/main/server/access-guard'

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

  it.each([
    ['absolute-form with port 99999', 'http://127.0.0.1:99999/'],
    ['absolute-form with a negative port', 'http://127.0.0.1:-1/?token=secret-token'],
    ['absolute-form naming this server', 'http://127.0.0.1:4750/?token=secret-token'],
    ['authority-form', '127.0.0.1:4750'],
    ['asterisk-form', '*'],
    ['empty target', ''],
    ['a bare query', '?token=secret-token'],
    ['an invalid host', 'http://[zz]/'],
  ])('refuses %s as a bad request, without throwing', (_name, url) => {
    const verdict = checkAccess({ host: '127.0.0.1:4750', url, origin: undefined, cookie }, policy)
    expect(verdict).toMatchObject({ allowed: false, status: 400 })
  })

  it.each([
    ['bad percent-encoding', '/%zz%?token=%zz', 401],
    ['NUL', '/%00?token=secret-token%00', 401],
    ['overlong', `/${'a'.repeat(100_000)}?token=secret-token`, 'query'],
    ['a path starting with two slashes', '//evil.example/?token=secret-token', 'query'],
    ['a backslash path', '/\\evil.example/?token=secret-token', 'query'],
    ['the token twice', '/?token=secret-token&token=other', 'query'],
  ])('judges a target with %s by its token only', (_name, url, expected) => {
    const verdict = checkAccess(
      { host: '127.0.0.1:4750', url, origin: undefined, cookie: undefined },
      policy,
    )
    if (expected === 'query') expect(verdict).toEqual({ allowed: true, tokenFrom: 'query' })
    else expect(verdict).toMatchObject({ allowed: false, status: expected })
  })

  it.each([
    ['huge', `a=${'c'.repeat(100_000)}`],
    ['many', 'a=b; '.repeat(10_000)],
    ['malformed', '=;=;;; warroom_token_4750; ==secret-token'],
    ['a doubled equals sign', 'warroom_token_4750==secret-token'],
    ['non-ASCII', 'warroom_token_4750=sécret-token'],
  ])('refuses a %s cookie without throwing', (_name, value) => {
    const verdict = checkAccess(
      { host: '127.0.0.1:4750', url: '/', origin: undefined, cookie: value },
      policy,
    )
    expect(verdict).toMatchObject({ allowed: false, status: 401 })
  })

  it('never throws and never lets in a request without the token, whatever the strings', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 })
    const facts = fc.record({
      host: fc.option(fc.oneof(text, fc.constant('127.0.0.1:4750')), { nil: undefined }),
      origin: fc.option(fc.oneof(text, fc.constant('http://127.0.0.1:4750')), { nil: undefined }),
      cookie: fc.option(text, { nil: undefined }),
      url: fc.oneof(
        text,
        text.map((rest) => `/${rest}`),
      ),
    })
    fc.assert(
      fc.property(facts, (f) => {
        const verdict = checkAccess(f, policy)
        return !verdict.allowed
      }),
      { seed: 4750, numRuns: 2000 },
    )
  })

  it('strips the token from any string, always to a path on this server', () => {
    expect(stripToken('//evil.example/x?token=abc')).toBe('/evil.example/x')
    expect(stripToken('/\\evil.example/?token=abc')).toBe('/evil.example/')
    expect(stripToken('http://127.0.0.1:99999/?token=abc')).toBe('/')
    expect(stripToken('*')).toBe('/')
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (url) => {
        const stripped = stripToken(url)
        const query = new URLSearchParams(stripped.split('?')[1] ?? '')
        return stripped.startsWith('/') && !stripped.startsWith('//') && !query.has('token')
      }),
      { seed: 4750, numRuns: 2000 },
    )
  })
})
