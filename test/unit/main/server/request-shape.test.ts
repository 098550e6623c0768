import { describe, expect, it } from 'vitest'
import { HTTP_LIMITS } from '../../../../src/main/server/http-limits'
import { checkRequestShape, type RequestHead } from '../../../../src/main/server/request-shape'

const page: RequestHead = {
  method: 'GET',
  url: '/index.html',
  httpVersionMajor: 1,
  rawHeaders: ['Host', '127.0.0.1:4750', 'Cookie', 'warroom_token_4750=t'],
}
const check = (change: Partial<RequestHead>) =>
  checkRequestShape({ ...page, ...change }, HTTP_LIMITS)
const withHeaders = (...extra: string[]) => check({ rawHeaders: [...page.rawHeaders, ...extra] })

describe('the shape of a request to the browser shell', () => {
  it('lets a page load and a HEAD through', () => {
    expect(check({})).toEqual({ ok: true })
    expect(check({ method: 'HEAD' })).toEqual({ ok: true })
    expect(withHeaders('Content-Length', '0')).toEqual({ ok: true })
  })

  it.each([
    ['POST', 405],
    ['OPTIONS', 405],
    ['CONNECT', 405],
    ['get', 405],
    [undefined, 405],
  ] as const)('refuses the method %s', (method, status) => {
    expect(check({ method })).toMatchObject({ ok: false, status })
  })

  it.each([
    ['absolute-form', 'http://127.0.0.1:99999/', 400],
    ['authority-form', '127.0.0.1:4750', 400],
    ['asterisk-form', '*', 400],
    ['empty', '', 400],
    ['missing', undefined, 400],
    ['overlong', `/${'a'.repeat(HTTP_LIMITS.maxUrlLength)}`, 414],
  ] as const)('refuses a target that is %s', (_name, url, status) => {
    expect(check({ url })).toMatchObject({ ok: false, status })
  })

  it('refuses HTTP versions other than 1.x', () => {
    expect(check({ httpVersionMajor: 2 })).toMatchObject({ ok: false, status: 505 })
    expect(check({ httpVersionMajor: 0 })).toMatchObject({ ok: false, status: 505 })
  })

  it.each(['Host', 'host', 'Origin', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version'])(
    'refuses a second %s header',
    (name) => {
      const twice = withHeaders(name, 'a', name.toUpperCase(), 'b')
      expect(twice).toMatchObject({ ok: false, status: 400 })
    },
  )

  it.each([
    ['Content-Length', '5'],
    ['Content-Length', 'abc'],
    ['Transfer-Encoding', 'chunked'],
  ])('refuses a body announced by %s: %s', (name, value) => {
    expect(withHeaders(name, value)).toMatchObject({ ok: false, status: 413 })
  })

  it('refuses more headers than the limit, and takes the limit itself', () => {
    const headers = (count: number) =>
      Array.from({ length: count }, (_, i) => [`X-${i}`, 'v']).flat()
    expect(check({ rawHeaders: headers(HTTP_LIMITS.maxHeaderCount) })).toEqual({ ok: true })
    expect(check({ rawHeaders: headers(HTTP_LIMITS.maxHeaderCount + 1) })).toMatchObject({
      ok: false,
      status: 431,
    })
  })
})
