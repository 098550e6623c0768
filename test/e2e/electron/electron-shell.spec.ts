import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { declareIncident, liveTerminal } from '../app-helpers'

const electronPackage = resolve(__dirname, '../../../node_modules/electron')

/** The Electron binary, if it was ever downloaded; never triggers a download. */
function installedElectronBinary(): string | null {
  const pathFile = join(electronPackage, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(binary) ? binary : null
}

const binary = installedElectronBinary()
const skipReason =
  'Electron binary not installed (its npm package downloads it on first launch, and this ' +
  'machine cannot reach the download host); the browser shell tests cover the same core.'

if (binary === null) console.log(`[electron] skipped: ${skipReason}`)
test.skip(binary === null, skipReason)

test('the Electron shell opens a locked-down window with a live terminal', async () => {
  const app = await electron.launch({
    executablePath: binary!,
    args: [resolve(__dirname, '../../../out/main/index.js')],
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByRole('heading', { name: 'War Room', level: 1 })).toBeVisible()
    expect(window.url()).toMatch(/^app:\/\/warroom\//)
    await declareIncident(window)
    const terminal = await liveTerminal(window)
    await terminal.click()
    await window.keyboard.type('echo "electron-$((6 * 7))"')
    await window.keyboard.press('Enter')
    await expect(terminal).toContainText('electron-42')

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
