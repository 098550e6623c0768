import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createHost } from '../../../src/main/core/host'
import { startBrowserShell } from '../../../src/main/server/browser-shell'
import { connectSocketClient, type SocketLike } from '../../../src/shared/rpc/socket-client'
import { contractSuite } from './contract-suite'
import { hermeticShellEnv } from '../../support/hermetic-env'

contractSuite('the browser shell WebSocket (real server on 127.0.0.1)', async () => {
  const workDir = mkdtempSync(join(tmpdir(), 'warroom-work-'))
  const host = createHost({
    shellKind: 'browser',
    version: 'test',
    shell: '/bin/bash',
    defaultCwd: workDir,
    env: hermeticShellEnv(),
    dataDir: mkdtempSync(join(tmpdir(), 'warroom-data-')),
  })
  const shell = await startBrowserShell({
    host,
    port: 0,
    rendererDir: mkdtempSync(join(tmpdir(), 'warroom-renderer-')),
  })
  const token = new URL(shell.url!).searchParams.get('token')!
  const open = async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}/rpc`, {
      origin: shell.origin,
      headers: { cookie: `warroom_token_${shell.port}=${token}` },
    })
    return connectSocketClient(socket as unknown as SocketLike)
  }
  let connection = await open()
  return {
    client: connection.client,
    disconnect: async () => connection.close(),
    reconnect: async () => {
      connection = await open()
      return connection.client
    },
    connectionCount: () => host.connectionCount,
    workDir,
    close: async () => {
      connection.close()
      host.dispose()
      await shell.close()
    },
  }
})

describe('the browser shell', () => {
  it('has no save dialog: saving is refused and the renderer downloads instead', async () => {
    const host = createHost({
      shellKind: 'browser',
      version: 'test',
      env: hermeticShellEnv(),
      dataDir: null,
    })
    const { api } = host.connect({ principal: { kind: 'leader' }, emit: () => {} })
    await expect(
      api['file.save']({ suggestedName: 'a.md', content: 'x', kind: 'markdown' }),
    ).rejects.toThrow(/no save dialog/)
    host.dispose()
  })
})
