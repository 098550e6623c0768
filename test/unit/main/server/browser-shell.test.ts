import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHost } from '../../../../src/main/core/host'
import { PortTakenError, startBrowserShell } from '../../../../src/main/server/browser-shell'

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-renderer-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>War Room</title>')
  return dir
}

describe('browser shell server', () => {
  it('binds 127.0.0.1 only and prints a URL holding a fresh token each launch', async () => {
    const host = createHost({ shellKind: 'browser', version: 'test', dataDir: null })
    const a = await startBrowserShell({ host, port: 0, rendererDir: rendererDir() })
    const b = await startBrowserShell({ host, port: 0, rendererDir: rendererDir() })
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/)
      expect(new URL(a.url!).searchParams.get('token')).not.toBe(
        new URL(b.url!).searchParams.get('token'),
      )
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('serves the renderer with a CSP once the token cookie is set', async () => {
    const host = createHost({ shellKind: 'browser', version: 'test', dataDir: null })
    const shell = await startBrowserShell({ host, port: 0, rendererDir: rendererDir() })
    try {
      const token = new URL(shell.url!).searchParams.get('token')!
      const response = await fetch(`http://127.0.0.1:${shell.port}/`, {
        headers: { cookie: `warroom_token_${shell.port}=${token}` },
      })
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('War Room')
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    } finally {
      await shell.close()
    }
  })

  it('says clearly when the port is taken', async () => {
    const host = createHost({ shellKind: 'browser', version: 'test', dataDir: null })
    const first = await startBrowserShell({ host, port: 0, rendererDir: rendererDir() })
    try {
      const second = startBrowserShell({ host, port: first.port, rendererDir: rendererDir() })
      await expect(second).rejects.toBeInstanceOf(PortTakenError)
      await expect(second).rejects.toThrow(`Port ${first.port} on 127.0.0.1 is already in use`)
    } finally {
      await first.close()
    }
  })
})
