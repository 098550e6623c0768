import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../../src/main/electron/app-protocol'
import { bridgeIpc } from '../../../src/main/electron/ipc-bridge'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AskSavePath } from '../../../src/main/core/files/save-file'
import { createHost } from '../../../src/main/core/host'
import { createPreloadApi } from '../../../src/preload/bridge'
import { createIpcPair } from '../../support/in-memory-ipc'
import { contractSuite } from './contract-suite'
import { hermeticShellEnv } from '../../support/hermetic-env'

function openIpcBridge(frameUrl?: string, askSavePath?: AskSavePath) {
  const workDir = mkdtempSync(join(tmpdir(), 'warroom-work-'))
  const host = createHost({
    shellKind: 'electron',
    version: 'test',
    shell: '/bin/bash',
    defaultCwd: workDir,
    env: hermeticShellEnv(),
    dataDir: mkdtempSync(join(tmpdir(), 'warroom-data-')),
    askSavePath,
  })
  const pair = createIpcPair(frameUrl)
  const unbridge = bridgeIpc(pair.ipcMain, host, isAppUrl)
  return {
    client: createPreloadApi(pair.ipcRenderer),
    disconnect: async () => pair.destroyWindow(),
    reconnect: async () => createPreloadApi(pair.openWindow().ipcRenderer),
    connectionCount: () => host.connectionCount,
    workDir,
    close: async () => {
      unbridge()
      host.dispose()
    },
  }
}

contractSuite('the Electron IPC bridge (in-memory pair)', async () => openIpcBridge())

describe('the Electron IPC bridge', () => {
  it('refuses calls from a frame that is not the app', async () => {
    const bridge = openIpcBridge('https://evil.example/')
    await expect(bridge.client['app.info']({})).rejects.toThrow(/refused/)
    expect(bridge.connectionCount()).toBe(0)
    await bridge.close()
  })

  it('saves an export where the native save dialog says, and nothing when it is cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-save-'))
    const asked: string[] = []
    let answer: string | null = join(dir, 'chosen.md')
    const bridge = openIpcBridge(undefined, async (name, kind) => {
      asked.push(`${kind}:${name}`)
      return answer
    })
    const saved = await bridge.client['file.save']({
      suggestedName: '../../etc/postmortem.md',
      content: '# Postmortem\n',
      kind: 'markdown',
    })
    expect(saved).toEqual({ saved: true, path: join(dir, 'chosen.md') })
    expect(readFileSync(join(dir, 'chosen.md'), 'utf8')).toBe('# Postmortem\n')
    expect(asked).toEqual(['markdown:postmortem.md'])
    answer = null
    const cancelled = await bridge.client['file.save']({
      suggestedName: 'x.json',
      content: '{}',
      kind: 'json',
    })
    expect(cancelled).toEqual({ saved: false, path: null })
    await bridge.close()
  })
})
