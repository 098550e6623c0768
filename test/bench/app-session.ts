import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { createHost, type Host } from '../../src/main/core/host'
import { startBrowserShell, type BrowserShell } from '../../src/main/server/browser-shell'
import { hermeticShellEnv } from '../support/hermetic-env'
import { launchPersistentBench } from './browser'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

/** The production renderer in Chromium with a persistent profile (IndexedDB on disk). */
export interface AppSession {
  host: Host
  shell: BrowserShell
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

export async function openAppSession(initScript?: string): Promise<AppSession> {
  const host = createHost({ shellKind: 'browser', version: 'bench', env: hermeticShellEnv() })
  const shell = await startBrowserShell({ host, port: 0, rendererDir: RENDERER_DIR })
  const context = await launchPersistentBench(mkdtempSync(join(tmpdir(), 'warroom-bench-profile-')))
  // tsx compiles page functions with esbuild's keepNames, which calls __name in the page.
  await context.addInitScript('globalThis.__name = (fn) => fn')
  if (initScript) await context.addInitScript(initScript)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(shell.url)
  return {
    host,
    shell,
    context,
    page,
    close: async () => {
      await context.close()
      host.dispose()
      await shell.close()
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
