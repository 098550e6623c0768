import { request as httpRequest } from 'node:http'
import WebSocket from 'ws'
import { expect, test } from '../fixtures'

interface Reply {
  status: number
  cookie: string | undefined
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0] })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Resolves with 'open' or the HTTP status the upgrade was refused with. */
function openSocket(url: string, headers: Record<string, string>, origin?: string) {
  return new Promise<'open' | number>((resolve) => {
    const socket = new WebSocket(url, { headers, ...(origin ? { origin } : {}) })
    socket.on('open', () => {
      socket.close()
      resolve('open')
    })
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.on('error', () => resolve(0))
  })
}

test('HTTP requests need the token and the loopback Host', async ({ shell }) => {
  expect((await get(`${shell.origin}/`)).status).toBe(401)
  expect((await get(`${shell.origin}/?token=wrong`)).status).toBe(401)

  const granted = await get(shell.url)
  expect(granted.status).toBe(303)
  const cookie = granted.cookie!.split(';')[0]!
  expect((await get(`${shell.origin}/`, { cookie })).status).toBe(200)

  // DNS rebinding: a foreign name pointing at 127.0.0.1 is refused even with the token.
  expect((await get(shell.url, { host: `evil.example:${shell.port}` })).status).toBe(403)
  expect((await get(`${shell.origin}/`, { cookie, host: 'evil.example' })).status).toBe(403)
  expect((await get(`${shell.origin}/`, { cookie, origin: 'http://evil.example' })).status).toBe(
    403,
  )
})

test('the WebSocket needs the token and the app Origin', async ({ shell }) => {
  const granted = await get(shell.url)
  const cookie = granted.cookie!.split(';')[0]!
  const socketUrl = `ws://127.0.0.1:${shell.port}/rpc`

  expect(await openSocket(socketUrl, { cookie }, shell.origin)).toBe('open')
  expect(await openSocket(socketUrl, {}, shell.origin)).toBe(401)
  expect(await openSocket(socketUrl, { cookie }, 'http://evil.example')).toBe(403)
  expect(await openSocket(socketUrl, { cookie, host: 'evil.example' }, shell.origin)).toBe(403)
})

test('the page served without a token says how to get in', async ({ shell, launchBrowser }) => {
  const context = await launchBrowser()
  const page = context.pages()[0] ?? (await context.newPage())
  const response = await page.goto(`${shell.origin}/`)
  expect(response?.status()).toBe(401)
  await expect(page.getByText('missing or wrong token')).toBeVisible()
})
