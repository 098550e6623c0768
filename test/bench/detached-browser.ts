/**
 * A Chromium of the benchmark's own: Playwright drives it for set-up, and is disconnected
 * while a measurement runs.
 *
 * Why: Playwright enables the DevTools Network domain on every page it drives, and Chromium
 * then reports every WebSocket frame to it: the renderer base64-encodes the payload, the
 * browser process relays it, and Playwright's driver (in this process, beside the host)
 * parses it. For a terminal flood that is the whole 50 MB a second time. Measured on the
 * bare page on the host path: 14 MB/s with Playwright attached, 25 MB/s without; per MB the
 * host 42 → 27 ms, the browser process 19 → 0, the renderer 50 → 31. A user's browser has
 * no DevTools attached, so flood benchmarks measure with nothing listening: a bare CDP
 * session that only evaluates the measuring function.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { WebSocket } from 'ws'
import { requireChromium } from '../support/chromium'
import { BENCH_ARGS } from './browser'

/** Runs `fn(arg)` in the page whose address starts with `origin`; its resolved value. */
export type DetachedEvaluate = <A, T>(
  origin: string,
  fn: (arg: A) => T | Promise<T>,
  arg: A,
) => Promise<T>

export interface DetachableBrowser {
  /** Its DevTools port (for a tool of one's own, e.g. tracing while detached). */
  readonly port: number
  /** Playwright's default context (a persistent profile: IndexedDB on disk). */
  readonly context: BrowserContext
  /** The open page at `origin`, as the current Playwright connection sees it. */
  page(origin: string): Page
  /** Disconnects Playwright, runs `work` with bare evaluation only, then reconnects. */
  withoutPlaywright<R>(work: (evaluate: DetachedEvaluate) => Promise<R>): Promise<R>
  close(): Promise<void>
}

interface CdpReply {
  id?: number
  result?: Record<string, unknown>
  error?: { message: string }
}

/** A minimal CDP client over the browser's WebSocket: requests and their replies only. */
async function cdpConnection(port: number) {
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
    webSocketDebuggerUrl: string
  }
  const socket = new WebSocket(version.webSocketDebuggerUrl, { perMessageDeflate: false })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  let nextId = 0
  const waiting = new Map<number, (reply: CdpReply) => void>()
  socket.on('message', (data) => {
    const reply = JSON.parse(String(data)) as CdpReply
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply)
  })
  const send = (method: string, params: object, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId
      waiting.set(id, (reply) => {
        waiting.delete(id)
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`))
        else resolve(reply.result ?? {})
      })
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }))
    })
  return { send, close: () => socket.close() }
}

async function waitForPort(dir: string, browser: ChildProcess): Promise<number> {
  const file = join(dir, 'DevToolsActivePort')
  for (let waited = 0; waited < 20_000; waited += 50) {
    if (browser.exitCode !== null) throw new Error(`Chromium exited (${browser.exitCode})`)
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8').split('\n')[0])
      if (port > 0) return port
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('Chromium did not open its DevTools port within 20 s')
}

export async function launchDetachableBrowser(): Promise<DetachableBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-detached-'))
  const process = spawn(
    requireChromium(),
    [
      ...BENCH_ARGS,
      '--headless=new',
      `--user-data-dir=${dir}`,
      '--remote-debugging-port=0',
      '--window-size=1400,900',
      'about:blank',
    ],
    { stdio: 'ignore' },
  )
  const port = await waitForPort(dir, process)
  const connect = () => chromium.connectOverCDP(`http://127.0.0.1:${port}`)
  let browser: Browser = await connect()
  const context = () => browser.contexts()[0]!

  const evaluate = (cdp: Awaited<ReturnType<typeof cdpConnection>>): DetachedEvaluate =>
    async function <A, T>(origin: string, fn: (arg: A) => T | Promise<T>, arg: A) {
      const { targetInfos } = (await cdp.send('Target.getTargets', {})) as {
        targetInfos: Array<{ targetId: string; type: string; url: string }>
      }
      const target = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(origin))
      if (!target) throw new Error(`no page at ${origin}`)
      // Only a window's front tab renders (animation frames, paint): bring this one forward.
      await cdp.send('Target.activateTarget', { targetId: target.targetId })
      const { sessionId } = (await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: true,
      })) as { sessionId: string }
      try {
        // tsx compiles functions with esbuild's keepNames, which calls __name in the page.
        const expression = `globalThis.__name ??= (fn) => fn; (${String(fn)})(${JSON.stringify(arg)})`
        const reply = (await cdp.send(
          'Runtime.evaluate',
          { expression, awaitPromise: true, returnByValue: true },
          sessionId,
        )) as { result: { value: T }; exceptionDetails?: { text: string; exception?: object } }
        if (reply.exceptionDetails) {
          throw new Error(`in the page: ${JSON.stringify(reply.exceptionDetails)}`)
        }
        return reply.result.value
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {})
      }
    }

  return {
    port,
    get context() {
      return context()
    },
    page(origin) {
      const page = context()
        .pages()
        .find((p) => p.url().startsWith(origin))
      if (!page) throw new Error(`no page at ${origin}`)
      return page
    },
    async withoutPlaywright(work) {
      await browser.close() // a browser connected over CDP is only disconnected
      const cdp = await cdpConnection(port)
      try {
        return await work(evaluate(cdp))
      } finally {
        cdp.close()
        browser = await connect()
      }
    },
    async close() {
      await browser.close().catch(() => {})
      // Browser.close ends every process (killing /usr/bin/chromium, a script, may not).
      const cdp = await cdpConnection(port).catch(() => null)
      await cdp?.send('Browser.close', {}).catch(() => {})
      cdp?.close()
      process.kill()
    },
  }
}
