/**
 * One host per data directory: two hosts on one folder would hand out the same gate-log
 * positions, and a window would skip an entry as already stored. No browser needed: this is
 * about `npm run serve` starting, or refusing to.
 */
import { rmSync } from 'node:fs'
import { startBrowserShellProcess } from '../../support/browser-shell-process'
import { expect, test } from '../fixtures'

test('a second browser shell on the same data directory refuses to start, and says why', async ({
  shell,
}) => {
  const second = startBrowserShellProcess({ dataDir: shell.dataDir })
  await expect(second).rejects.toThrow(/exited with 1/)
  await expect(second).rejects.toThrow(
    `The data directory ${shell.dataDir} is in use by another War Room host (process ${shell.process.pid})`,
  )
})

test('a host killed outright leaves the folder to the next one', async () => {
  const first = await startBrowserShellProcess()
  const exited = new Promise((resolve) => first.process.once('exit', resolve))
  first.process.kill('SIGKILL') // its lock file stays behind, naming a process that is gone
  await exited
  const next = await startBrowserShellProcess({ dataDir: first.dataDir, home: first.home })
  expect(next.url).toMatch(/token=/)
  await next.stop()
  for (const dir of [first.home, first.dataDir]) rmSync(dir, { recursive: true, force: true })
})
