import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { createHost, type Host } from '../../../../src/main/core/host'
import { startBrowserShell, type BrowserShell } from '../../../../src/main/server/browser-shell'
import type { HttpLimits } from '../../../../src/main/server/http-limits'
import { exchange } from './support/raw-http'

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-renderer-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>War Room</title>')
  writeFileSync(join(dir, 'app.js'), 'console.log(1)\n')
  return dir
}

/** Timeouts short enough for a test, in the proportions of the real ones. */
const quick: Partial<HttpLimits> = {
  headersTimeoutMs: 300,
  requestTimeoutMs: 600,
  keepAliveTimeoutMs: 200,
  timeoutCheckIntervalMs: 50,
}

describe('browser shell limits', () => {
  const shells: BrowserShell[] = []
  const hosts: Host[] = []
  afterEach(async () => {
    for (const shell of shells.splice(0)) await shell.close()
    for (const host of hosts.splice(0)) host.dispose()
  })
  const newHost = () => {
    const host = createHost({ shellKind: 'browser', version: 'test', dataDir: null })
    hosts.push(host)
    return host
  }
  async function start(host: Host = newHost(), dir = rendererDir(), limits = quick) {
    const reported: unknown[] = []
    const shell = await startBrowserShell({
      host,
      port: 0,
      rendererDir: dir,
      limits,
      report: (error) => reported.push(error),
    })
    shells.push(shell)
    const token = new URL(shell.url!).searchParams.get('token')!
    return { shell, reported, cookie: `warroom_token_${shell.port}=${token}`, dir }
  }

  it('cuts off a client that dribbles its headers (slowloris) with 408', async () => {
    const { shell } = await start()
    const partial = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nX-Slow: `
    const outcome = await exchange(
      shell.port,
      { chunks: [Buffer.from(partial)], pauseMs: 0, ending: 'wait' },
      3000,
    )
    expect(outcome.statuses).toEqual([408])
    expect(outcome.hung).toBe(false)
  })

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const { shell, cookie } = await start()
    const request = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nCookie: ${cookie}\r\n\r\n`
    const outcome = await exchange(
      shell.port,
      { chunks: [Buffer.from(request)], pauseMs: 0, ending: 'wait' },
      3000,
    )
    expect(outcome.statuses).toEqual([200])
    expect(outcome.hung).toBe(false)
  })

  it('keeps serving when a renderer file vanishes after start (a rebuild while serving)', async () => {
    const { shell, cookie, dir } = await start()
    rmSync(join(dir, 'app.js'))
    const base = `http://127.0.0.1:${shell.port}`
    await expect(
      fetch(`${base}/app.js`, { headers: { cookie } }).then((r) => r.text()),
    ).rejects.toThrow()
    const page = await fetch(`${base}/`, { headers: { cookie } })
    expect(page.status).toBe(200)
  })

  it('closes a WebSocket whose connection the host cannot take (1011) and says why', async () => {
    const failing: Host = {
      ...newHost(),
      connect: () => {
        throw new Error('host refused the connection')
      },
    }
    const { shell, cookie, reported } = await start(failing)
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}/rpc`, {
      origin: `http://127.0.0.1:${shell.port}`,
      headers: { cookie },
    })
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)))
    expect(code).toBe(1011)
    expect(reported).toEqual([expect.objectContaining({ message: 'host refused the connection' })])
  })

  it('turns away connections beyond the limit when every slot holds the token, and takes new ones once some close', async () => {
    const limits = { ...quick, maxConnections: 2, keepAliveTimeoutMs: 10_000 }
    const { shell, cookie } = await start(undefined, undefined, limits)
    const request = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nCookie: ${cookie}\r\n\r\n`
    const held = await Promise.all([
      openKeptAlive(shell.port, request),
      openKeptAlive(shell.port, request),
    ])
    const third = await exchange(
      shell.port,
      { chunks: [Buffer.from(request)], pauseMs: 0, ending: 'wait' },
      3000,
    )
    expect(third).toMatchObject({ statuses: [], hung: false })
    for (const socket of held) socket.destroy()
    const closing = request.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')
    await vi.waitFor(async () => {
      const again = await exchange(
        shell.port,
        { chunks: [Buffer.from(closing)], pauseMs: 0, ending: 'wait' },
        3000,
      )
      expect(again.statuses).toEqual([200])
    })
  })
})

/** A connection that got its answer and stays open (kept alive). */
function openKeptAlive(port: number, request: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    socket.once('data', () => resolve(socket))
    socket.once('error', reject)
  })
}
