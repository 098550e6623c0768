/**
 * The gate on a real bash and a real zsh with War Room's shell integration, through the real
 * host: exit codes from the authenticated marks, the user's own rc still loaded, and what
 * the marks and the output filter keep off the screen.
 */
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startHost, type HostHarness } from '../../../../support/host-harness'

const SHELLS = [
  { name: 'bash', path: '/bin/bash', rc: '.bashrc' },
  { name: 'zsh', path: '/usr/bin/zsh', rc: '.zshrc' },
]

for (const shellKind of SHELLS) {
  describe.skipIf(!existsSync(shellKind.path))(
    `guarded ${shellKind.name} (real shell integration; skipped when not installed)`,
    () => {
      let h: HostHarness
      afterEach(() => h?.host.dispose())

      async function start(userRc = '') {
        h = startHost({
          shellPath: shellKind.path,
          homeFiles: userRc ? { [shellKind.rc]: userRc } : {},
        })
        await h.configure()
        return h.shell()
      }

      it('records a failing command’s exit code, duration and output', async () => {
        const sessionId = await start()
        const p = await h.runApproved(sessionId, "echo 'disk full' >&2; sleep 0.2; sh -c 'exit 3'")
        const entry = await h.finished(p.id)
        expect(entry.exitCode).toBe(3)
        expect(entry.durationMs).toBeGreaterThanOrEqual(200)
        expect(entry.output).toBe('disk full')
        expect(entry.context).toMatchObject({ cwd: h.workDir })
      })

      it('loads the user’s own rc and tells an alias or a function from a command', async () => {
        const sessionId = await start("alias ll='ls -l'\nrestart() { echo restarting; }\n")
        const propose = (text: string) =>
          h.leader.call('gate.propose', { sessionId, text, proposerId: 'bob' })
        expect((await propose('ll /etc')).context.firstWordKind).toBe('alias')
        expect((await propose('restart api')).context.firstWordKind).toBe('function')
        expect((await propose('ls /etc')).context.firstWordKind).toBe('command')
      })

      it('never shows its marks, and strips clipboard writes and answer-back requests', async () => {
        const sessionId = await start()
        const p = await h.runApproved(
          sessionId,
          "printf 'a\\033]52;c;SGVsbG8=\\007b\\033[cc\\033[6nd\\n'",
        )
        await h.finished(p.id)
        const output = h.leader.output(sessionId)
        expect(output).toContain('abcd')
        for (const hidden of ['\u001b]52;', '\u001b]6973;', '\u001b[c', '\u001b[6n']) {
          expect(output).not.toContain(hidden)
        }
      })
    },
  )
}
