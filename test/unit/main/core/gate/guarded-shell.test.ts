/**
 * The gate on a real bash with War Room's shell integration (node-pty): exit codes from
 * the OSC 133 marks, the user's own rc still loaded, and input typed during a run never
 * reaching the next prompt.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName, EventPayload } from '../../../../../src/shared/contract'
import { DEFAULT_POLICY, type CommandLogEntry } from '../../../../../src/shared/commands/gate-model'
import {
  createPtyService,
  type PtyService,
} from '../../../../../src/main/core/terminal/pty-service'
import { findIntegrationDir } from '../../../../../src/main/core/terminal/spawn-shell'
import { hermeticShellEnv } from '../../../../support/hermetic-env'
import { roster } from './gate-fixture'

function until<T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = probe()
      if (value !== undefined && value !== false) return resolve(value)
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out'))
      setTimeout(tick, 20)
    }
    tick()
  })
}

const SHELLS = [
  { name: 'bash', path: '/bin/bash', rc: '.bashrc' },
  { name: 'zsh', path: '/usr/bin/zsh', rc: '.zshrc' },
]

for (const shellKind of SHELLS) {
  describe.skipIf(!existsSync(shellKind.path))(
    `guarded ${shellKind.name} (real shell integration; skipped when not installed)`,
    () => {
      let service: PtyService | undefined
      afterEach(() => service?.disposeAll())

      function start(userRc = '') {
        const env = hermeticShellEnv()
        if (userRc) writeFileSync(join(env.HOME!, shellKind.rc), userRc)
        let output = ''
        const log: CommandLogEntry[] = []
        let integrated = false
        service = createPtyService({
          shell: shellKind.path,
          defaultCwd: '/tmp',
          env: { ...env, SHELL: shellKind.path },
          integrationDir: findIntegrationDir(),
          emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
            if (event === 'terminal.data') output += (payload as EventPayload<'terminal.data'>).data
            if (event === 'gate.log') log.push((payload as EventPayload<'gate.log'>).entry)
            if (event === 'gate.snapshot')
              integrated ||= (payload as EventPayload<'gate.snapshot'>).integrated
          },
        })
        const { sessionId } = service.create({ cols: 100, rows: 30 })
        const gate = service.gate(sessionId)
        gate.configure({ incidentId: 'inc-1', roster, policy: DEFAULT_POLICY })
        const run = async (text: string) => {
          await until(() => integrated && gate.snapshot().activity === 'prompt')
          const p = gate.propose({ text, proposerId: 'bob' })
          gate.approve({ proposalId: p.id, personId: 'carol', hash: p.hash })
          gate.run({ proposalId: p.id, personId: 'bob', hash: p.hash })
          return p
        }
        const finished = (proposalId: string) =>
          until(() => log.find((e) => e.kind === 'finished' && e.proposalId === proposalId))
        return { sessionId, gate, run, finished, output: () => output, log }
      }

      it('records a failing command’s exit code, duration and output', async () => {
        const shell = start()
        const p = await shell.run("echo 'disk full' >&2; sleep 0.2; sh -c 'exit 3'")
        const entry = await shell.finished(p.id)
        expect(entry.exitCode).toBe(3)
        expect(entry.durationMs).toBeGreaterThanOrEqual(200)
        expect(entry.output).toBe('disk full')
        expect(entry.context).toMatchObject({ cwd: '/tmp' })
      })

      it('loads the user’s own rc and tells an alias or a function from a command', async () => {
        const shell = start("alias ll='ls -l'\nrestart() { echo restarting; }\n")
        await shell.run('true')
        const alias = shell.gate.propose({ text: 'll /etc', proposerId: 'bob' })
        const fn = shell.gate.propose({ text: 'restart api', proposerId: 'bob' })
        const plain = shell.gate.propose({ text: 'ls /etc', proposerId: 'bob' })
        expect(alias.context.firstWordKind).toBe('alias')
        expect(fn.context.firstWordKind).toBe('function')
        expect(plain.context.firstWordKind).toBe('command')
      })

      it('drops input typed during a run instead of running it at the next prompt', async () => {
        const shell = start()
        const p = await shell.run('sleep 0.8')
        await until(() => shell.gate.snapshot().activity === 'running')
        // While the command runs keys pass (answering a prompt); sleep never reads them.
        expect(
          service!.write({ sessionId: shell.sessionId, data: 'echo PWNED-$((6*7))\r' }).refused,
        ).toBeNull()
        await shell.finished(p.id)
        await until(() => shell.output().includes('discarded input typed while the command ran'))
        await new Promise((resolve) => setTimeout(resolve, 500))
        expect(shell.output()).not.toContain('PWNED-42')
      })

      it('never shows its marks, and strips clipboard writes and answer-back requests', async () => {
        const shell = start()
        const p = await shell.run("printf 'a\\033]52;c;SGVsbG8=\\007b\\033[cc\\033[6nd\\n'")
        await shell.finished(p.id)
        expect(shell.output()).toContain('abcd')
        for (const hidden of [
          '\u001b]52;',
          '\u001b]133;',
          '\u001b]6973;',
          '\u001b[c',
          '\u001b[6n',
        ]) {
          expect(shell.output()).not.toContain(hidden)
        }
      })
    },
  )
}
