/**
 * Child-process entry for the HTTP fuzz test: the real browser shell with a real host,
 * alone in its own process, so that an uncaught exception shows as what it is in
 * production (the process exits) instead of being swallowed by the test runner.
 * Prints one JSON line `{ port, token }` on stdout once listening.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHost } from '../../../../../src/main/core/host'
import { startBrowserShell } from '../../../../../src/main/server/browser-shell'
import { hermeticShellEnv } from '../../../../support/hermetic-env'

async function main(): Promise<void> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'warroom-fuzz-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>War Room</title>')
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("war room")\n'.repeat(64))
  const host = createHost({
    shellKind: 'browser',
    version: 'fuzz',
    shell: '/bin/bash',
    env: hermeticShellEnv(),
    dataDir: null,
  })
  const shell = await startBrowserShell({ host, port: 0, rendererDir })
  const token = new URL(shell.url!).searchParams.get('token')
  process.stdout.write(`${JSON.stringify({ port: shell.port, token })}\n`)
  process.on('SIGTERM', () => {
    host.dispose()
    void shell.close().then(() => process.exit(0))
  })
}

void main()
