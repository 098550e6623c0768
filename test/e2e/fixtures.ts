import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test'
import { startBrowserShellProcess, type RunningShell } from '../support/browser-shell-process'
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium'
import { PageDiagnostics, printForFailure } from './page-diagnostics'

/** The end of the host's output attached to a failed test (its start is the URL banner). */
const HOST_OUTPUT_SHOWN_CHARS = 4_000

export interface AppFixtures {
  /** A browser shell started for this test alone. */
  shell: RunningShell
  /** A persistent Chromium profile for this test (IndexedDB on disk, as a user has it). */
  profileDir: string
  /** Launches Chromium on `profileDir`; call again after closing to relaunch the browser. */
  launchBrowser: () => Promise<BrowserContext>
  /** The app, opened through the shell's token URL, its terminal live. */
  app: Page
}

export const test = base.extend<AppFixtures>({
  shell: async ({}, use, testInfo) => {
    const shell = await startBrowserShellProcess()
    await use(shell)
    if (testInfo.status !== testInfo.expectedStatus) {
      printForFailure(testInfo, 'host output', shell.output().slice(-HOST_OUTPUT_SHOWN_CHARS))
    }
    await shell.stop()
    for (const dir of [shell.home, shell.dataDir]) rmSync(dir, { recursive: true, force: true })
  },
  profileDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-profile-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  launchBrowser: async ({ profileDir }, use, testInfo) => {
    const contexts: BrowserContext[] = []
    const diagnostics = new PageDiagnostics()
    await use(async () => {
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: requireChromium(),
        args: CHROMIUM_ARGS,
        headless: true,
        viewport: { width: 1400, height: 900 },
      })
      contexts.push(context)
      diagnostics.watch(context)
      return context
    })
    await diagnostics.attachIfFailed(testInfo)
    for (const context of contexts) await context.close().catch(() => {})
  },
  app: async ({ shell, launchBrowser }, use) => {
    const context = await launchBrowser()
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(shell.url)
    await use(page)
  },
})

export { expect } from '@playwright/test'
