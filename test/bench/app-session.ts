import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { createHost, type Host } from '../../src/main/core/host'
import { startBrowserShell, type BrowserShell } from '../../src/main/server/browser-shell'
import { participantServers } from '../../src/main/server/participant-access'
import { hermeticShellEnv } from '../support/hermetic-env'
import { launchPersistentBench } from './browser'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

/** The host, in this process, and the browser shell serving the production renderer. */
export interface BenchHost {
  host: Host
  shell: BrowserShell
  /** The leader's token URL. */
  url: string
  close(): Promise<void>
}

/** Starts the host as `npm run serve` does (data directory, participants on loopback). */
export async function startBenchHost(): Promise<BenchHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-bench-data-'))
  const participants = participantServers({
    rendererDir: RENDERER_DIR,
    port: 0,
    dataDir,
    listen: null,
  })
  const host = createHost({
    shellKind: 'browser',
    version: 'bench',
    env: hermeticShellEnv(),
    dataDir,
    participants,
  })
  const shell = await startBrowserShell({ host, port: 0, rendererDir: RENDERER_DIR })
  await participants.start(host, shell)
  if (!shell.url) throw new Error('the browser shell gave no leader URL')
  return {
    host,
    shell,
    url: shell.url,
    close: async () => {
      host.dispose()
      await shell.close()
      await participants.close()
    },
  }
}

/** The production renderer in Chromium with a persistent profile (IndexedDB on disk). */
export interface AppSession {
  host: Host
  shell: BrowserShell
  /** The leader's token URL. */
  url: string
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/**
 * A browser profile of its own with the app open (on `on`'s host, or a new one), or a new
 * page in `inContext` (a persistent context the caller owns: closing the session leaves it).
 */
export async function openAppSession(
  options: { initScript?: string; on?: BenchHost; inContext?: BrowserContext } = {},
): Promise<AppSession> {
  const served = options.on ?? (await startBenchHost())
  const context =
    options.inContext ??
    (await launchPersistentBench(mkdtempSync(join(tmpdir(), 'warroom-bench-profile-'))))
  // tsx compiles page functions with esbuild's keepNames, which calls __name in the page.
  await context.addInitScript('globalThis.__name = (fn) => fn')
  if (options.initScript) await context.addInitScript(options.initScript)
  const page = options.inContext
    ? await context.newPage()
    : (context.pages()[0] ?? (await context.newPage()))
  let closing = false
  // Said at once: a benchmark otherwise only learns it at its next call into the page.
  page.on('crash', () => console.error('benchmark: the app page crashed'))
  // (A caller's context is disconnected and reconnected on purpose: see detached-browser.ts.)
  if (!options.inContext) {
    context.on('close', () => {
      if (!closing) console.error('benchmark: the browser went away (killed from outside?)')
    })
  }
  await page.goto(served.url)
  return {
    host: served.host,
    shell: served.shell,
    url: served.url,
    context,
    page,
    close: async () => {
      closing = true
      if (options.inContext) await page.close().catch(() => {})
      else await context.close()
      // A host given by the caller is the caller's to close.
      if (!options.on) await served.close()
    },
  }
}

export async function declareBenchIncident(page: Page, title: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Declare an incident' })
  await form.getByLabel('Title').fill(title)
  await form.getByLabel('Your name (Incident Handling Leader)').fill('Bench')
  await form.getByRole('button', { name: 'Declare incident' }).click()
  await page.getByRole('status', { name: 'Save status' }).filter({ hasText: 'saved' }).waitFor()
  return page.evaluate(
    () =>
      new Promise<string>((done, fail) => {
        const open = indexedDB.open('war-room')
        open.onerror = () => fail(open.error)
        open.onsuccess = () => {
          const get = open.result
            .transaction('settings')
            .objectStore('settings')
            .get('open-incident')
          get.onsuccess = () => {
            done((get.result as { value: string }).value)
            open.result.close()
          }
        }
      }),
  )
}
