import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../../src/main/electron/app-protocol'
import { bridgeIpc } from '../../../src/main/electron/ipc-bridge'
import { createHost } from '../../../src/main/core/host'
import { createPreloadApi } from '../../../src/preload/bridge'
import { createIpcPair } from '../../support/in-memory-ipc'
import { contractSuite } from './contract-suite'
import { hermeticShellEnv } from '../../support/hermetic-env'

function openIpcBridge(frameUrl?: string) {
  const host = createHost({
    shellKind: 'electron',
    version: 'test',
    shell: '/bin/bash',
    env: hermeticShellEnv(),
  })
  const pair = createIpcPair(frameUrl)
  const unbridge = bridgeIpc(pair.ipcMain, host, isAppUrl)
  return {
    client: createPreloadApi(pair.ipcRenderer),
    disconnect: async () => pair.destroyWindow(),
    connectionCount: () => host.connectionCount,
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
})
