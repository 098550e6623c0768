import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { approveInRoom, guardedWorkspace, propose } from '../app-helpers'

const electronPackage = resolve(__dirname, '../../../node_modules/electron')

/**
 * The Electron binary: WARROOM_ELECTRON_BINARY if set, else the one Electron's npm package
 * downloaded (if it ever did); never triggers a download.
 */
function electronBinary(): string | null {
  const given = process.env.WARROOM_ELECTRON_BINARY
  if (given) return existsSync(given) ? given : null
  const pathFile = join(electronPackage, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
const skipReason =
  'Electron binary not installed (its npm package downloads it on first launch, and this ' +
  'machine cannot reach the download host; set WARROOM_ELECTRON_BINARY to run this with ' +
  'one); the browser shell tests cover the same core.'

if (binary === null) console.log(`[electron] skipped: ${skipReason}`)
test.skip(binary === null, skipReason)

test('the Electron shell opens a locked-down window whose guarded terminal runs only an approved command', async () => {
  const app = await electron.launch({
    executablePath: binary!,
    args: [resolve(__dirname, '../../../out/main/index.js')],
    // A data directory of its own (the gate log), and a HOME for predictable shells.
    env: {
      ...process.env,
      HOME: mkdtempSync(join(tmpdir(), 'warroom-electron-home-')),
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'warroom-electron-config-')),
      SHELL: '/bin/bash',
    },
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByRole('heading', { name: 'War Room', level: 1 })).toBeVisible()
    expect(window.url()).toMatch(/^app:\/\/warroom\//)
    const { terminal, commands } = await guardedWorkspace(window)

    // Typed at the prompt: refused, never run.
    await terminal.locator('.xterm').click()
    await window.keyboard.type('echo "typed-$((6 * 7))"')
    await window.keyboard.press('Enter')
    await expect(terminal.getByRole('alert', { name: 'Typing refused' })).toBeVisible()
    await expect(terminal).not.toContainText('typed-42')

    // Proposed, approved by another expert, run: it runs once.
    await propose(window, 'echo "electron-$((6 * 7))"')
    const card = commands.getByRole('article', { name: /Proposal echo "electron/ })
    await approveInRoom(card, 'Carol')
    await card.getByRole('button', { name: 'Run' }).click()
    await expect(terminal).toContainText('electron-42')
    const done = commands
      .getByRole('list', { name: 'Recent commands' })
      .getByRole('article', { name: /Proposal echo "electron/ })
    await expect(done.getByLabel('Result')).toContainText('Exit code 0')

    const exposure = await window.evaluate(() => ({
      node: typeof (globalThis as { require?: unknown }).require,
      keys: Object.keys((window as unknown as { warroom: object }).warroom).sort(),
    }))
    expect(exposure.node).toBe('undefined')
    expect(exposure.keys).toContain('terminal.create')
    expect(exposure.keys).not.toContain('invoke')
  } finally {
    await app.close()
  }
})
