import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test'
import { startBrowserShellProcess, type RunningShell } from '../support/browser-shell-process'
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium'

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
  shell: async ({}, use) => {
    const shell = await startBrowserShellProcess()
    await use(shell)
    await shell.stop()
    for (const dir of [shell.home, shell.dataDir]) rmSync(dir, { recursive: true, force: true })
  },
  profileDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-profile-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  launchBrowser: async ({ profileDir }, use) => {
    const contexts: BrowserContext[] = []
    await use(async () => {
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: requireChromium(),
        args: CHROMIUM_ARGS,
        headless: true,
        viewport: { width: 1400, height: 900 },
      })
      contexts.push(context)
      return context
    })
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
