import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as nodePty from 'node-pty'
import type { Browser, Page } from '@playwright/test'
import { openAppSession, type AppSession } from '../app-session'
import { buildFixturePage, launchBenchBrowser, serveBareXterm, type StaticSite } from '../browser'
import { startBrowserShell, type BrowserShell } from '../../../src/main/server/browser-shell'
import {
  clickRunUntilPainted,
  guardedBenchApp,
  proposeAllowListed,
  runAndWait,
  shellAtPrompt,
} from '../guarded-app'
import type { Benchmark } from '../harness'

const FILE_MB = 50
const SENTINEL = '__WARROOM_END_OF_FLOOD__'

/** 50 MB of numbered lines (some non-ASCII), ending with a sentinel line. */
async function writeFlood(path: string): Promise<{ lastLine: string; bytes: number }> {
  const out = createWriteStream(path)
  let bytes = 0
  let n = 0
  let lastLine = ''
  while (bytes < FILE_MB * 1024 * 1024) {
    lastLine = `${String(++n).padStart(9, '0')} checkout-api pod=api-7f9 latency_ms=${n % 997} état=dégradé ${'x'.repeat(40)}`
    const line = `${lastLine}\n`
    bytes += Buffer.byteLength(line)
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  out.end(`${SENTINEL}\n`)
  await new Promise<void>((resolve) => out.once('close', () => resolve()))
  return { lastLine, bytes: bytes + SENTINEL.length + 1 }
}

function rawPtyRead(path: string): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now()
    const pty = nodePty.spawn('cat', [path], { cols: 120, rows: 40, encoding: 'utf8' })
    pty.onData(() => {})
    pty.onExit(() => resolve(performance.now() - started))
  })
}

/**
 * Terminal throughput: a 50 MB `cat` through pty → gate → WebSocket → xterm until the
 * last line is parsed and painted, against a bare page feeding the same bytes to xterm,
 * and node-pty's own read speed for reference. Also counts flow-control pauses per MB.
 *
 * "Painted": xterm writes its rows to the DOM inside an animation frame, so the mutation
 * that shows the sentinel runs in the frame that paints it, and a task queued from there
 * runs once that frame's rendering is done. (Waiting for the *next* animation frame, as
 * this once did, measured when headless Chromium next had a reason to draw: up to a
 * second later on a page with nothing else changing.)
 */
export function terminalThroughputBenchmark(): Benchmark {
  let session: AppSession
  let bare: StaticSite
  let browser: Browser
  let barePage: Page
  let liveShell: BrowserShell
  let livePage: Page
  let file = ''
  let flood = { lastLine: '', bytes: 0 }
  let pauses = 0
  let appRuns = 0
  const mb = () => flood.bytes / (1024 * 1024)

  return {
    name: 'terminal-throughput',
    description: `${FILE_MB} MB cat through the guarded terminal until painted`,
    metric: {
      name: 'throughput',
      unit: 'MB/s',
      better: 'higher',
      target: { median: 15, ratioToBaseline: 0.7 },
    },
    variants: [
      'bare xterm fed directly',
      'raw node-pty read (reference)',
      'bare xterm + host (reference)',
      'War Room terminal',
    ],
    rounds: 5,
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), 'warroom-flood-'))
      file = join(dir, 'flood.log')
      flood = await writeFlood(file)
      session = await openAppSession()
      await guardedBenchApp(session.page, 'Throughput benchmark', ['cat', 'clear'])
      bare = await serveBareXterm()
      // The same bytes as the pty gives xterm (the tty turns \n into \r\n).
      const body = readFileSync(file, 'utf8').replace(/\n/g, '\r\n')
      browser = await launchBenchBrowser()
      barePage = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      await barePage.addInitScript('globalThis.__name = (fn) => fn')
      await barePage.route('**/flood.txt', (route) =>
        route.fulfill({ body, contentType: 'text/plain; charset=utf-8' }),
      )
      await barePage.goto(bare.url)
      // The same path as the app (pty → gate → WebSocket → xterm), without the app.
      liveShell = await startBrowserShell({
        host: session.host,
        port: 0,
        rendererDir: await buildFixturePage('bare-xterm-live'),
      })
      livePage = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      await livePage.addInitScript('globalThis.__name = (fn) => fn')
      await livePage.goto(liveShell.url)
      await livePage.waitForFunction(() => performance.getEntriesByName('bare:live-prompt').length)
      await barePage.evaluate(async () => {
        const response = await fetch('/flood.txt')
        if (!response.ok) throw new Error(`flood.txt: HTTP ${response.status}`)
        ;(window as unknown as { flood: string }).flood = await response.text()
      })
    },
    async measure(variant) {
      if (variant === 'raw node-pty read (reference)')
        return mb() / ((await rawPtyRead(file)) / 1000)
      if (variant === 'bare xterm + host (reference)') {
        const ms = await livePage.evaluate(
          async ({ sentinel, file }) => {
            const w = window as unknown as { runCommand(text: string): Promise<void> }
            await w.runCommand('clear')
            const rows = document.querySelector('.xterm-rows')!
            await new Promise((resolve) => setTimeout(resolve, 200))
            return new Promise<number>((resolve) => {
              const started = performance.now()
              const observer = new MutationObserver(() => {
                if (!rows.textContent?.includes(sentinel)) return
                observer.disconnect()
                setTimeout(() => resolve(performance.now() - started), 0)
              })
              observer.observe(rows, { childList: true, subtree: true, characterData: true })
              void w.runCommand(`cat ${file}`)
            })
          },
          { sentinel: SENTINEL, file },
        )
        return mb() / (ms / 1000)
      }
      if (variant === 'bare xterm fed directly') {
        const ms = await barePage.evaluate(
          ({ sentinel }) =>
            new Promise<number>((resolve) => {
              const w = window as unknown as { flood: string; feed(d: string): Promise<void> }
              const rows = document.querySelector('.xterm-rows')!
              w.feed('\u001bc') // reset: the last round's sentinel is off screen
              const started = performance.now()
              const observer = new MutationObserver(() => {
                if (!rows.textContent?.includes(sentinel)) return
                observer.disconnect()
                setTimeout(() => resolve(performance.now() - started), 0)
              })
              observer.observe(rows, { childList: true, subtree: true, characterData: true })
              // xterm discards writes beyond 50 MB queued: keep a window of 1 MB in flight.
              const chunks: string[] = []
              for (let at = 0; at < w.flood.length; at += 65_536) {
                chunks.push(w.flood.slice(at, at + 65_536))
              }
              let next = 0
              const pump = () => {
                if (next < chunks.length) void w.feed(chunks[next++]!).then(pump)
              }
              for (let i = 0; i < 16; i++) pump()
            }),
          { sentinel: SENTINEL },
        )
        return mb() / (ms / 1000)
      }
      const { page, host } = session
      await runAndWait(page, 'clear')
      await proposeAllowListed(page, `cat ${file}`)
      const before = host.flowPauses
      const { ms, before: lineBefore } = await clickRunUntilPainted(page, SENTINEL)
      if (!lineBefore.endsWith(flood.lastLine)) {
        throw new Error(`bytes lost: the rows before the sentinel were "${lineBefore}"`)
      }
      await page
        .getByRole('list', { name: 'Pending commands' })
        .getByRole('article')
        .waitFor({ state: 'detached' })
      await shellAtPrompt(page)
      pauses += host.flowPauses - before
      appRuns++
      return mb() / (ms / 1000)
    },
    extraNotes: () => [
      `flow-control pauses: ${(pauses / appRuns / mb()).toFixed(2)} per MB`,
      'last line checked intact every round (zero bytes lost)',
    ],
    async teardown() {
      await session?.close()
      await browser?.close()
      await bare?.close()
      await liveShell?.close()
    },
  }
}
