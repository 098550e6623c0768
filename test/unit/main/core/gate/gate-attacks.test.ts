/**
 * Adversarial suite (issue 11): each attack that once got an unapproved line to run, replayed
 * against a real bash and a real zsh through the real host, no mocks of the shell. Each must
 * run nothing, and the gate's state or log must say what was refused.
 */
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { headlessXterm } from '../../../../support/headless-xterm'
import { startHost, type HostHarness } from '../../../../support/host-harness'

const SHELLS = [
  { name: 'bash', path: '/bin/bash' },
  { name: 'zsh', path: '/usr/bin/zsh' },
]
const ESC = '\u001b'
const BEL = '\u0007'

for (const shellKind of SHELLS) {
  describe.skipIf(!existsSync(shellKind.path))(`attacks on the gate (${shellKind.name})`, () => {
    let h: HostHarness
    afterEach(() => h?.host.dispose())

    async function guarded() {
      h = startHost({ shellPath: shellKind.path })
      // One approval for risky commands too (`exec bash --norc`): the attacks are about what
      // an approved command can do, not how many people approve it.
      await h.configure({ riskyExtra: 0 })
      const sessionId = await h.shell()
      const write = (data: string) => h.leader.call('terminal.write', { sessionId, data })
      const state = () => h.leader.call('gate.state', { sessionId })
      const run = async (text: string) => {
        await h.ready(sessionId)
        const p = await h.runApproved(sessionId, text)
        return p
      }
      /** Runs an approved command and waits for its end and the next clean prompt. */
      const runToEnd = async (text: string) => {
        const p = await run(text)
        const entry = await h.finished(p.id)
        await h.ready(sessionId)
        return entry
      }
      const file = (name: string) => join(h.workDir, name)
      return { sessionId, write, state, run, runToEnd, file }
    }

    it('1. marks printed by a program (a log line) change nothing: context, running state and keys', async () => {
      const g = await guarded()
      const log = g.file('app.log')
      writeFileSync(log, '')
      await g.runToEnd(`tail -n0 -f ${log} &`)
      const before = await g.state()
      expect(before.context.cwd).toBe(h.workDir)
      appendFileSync(
        log,
        `${ESC}]6973;ctx;cwd=/srv/app;user=deploy;host=staging-01;kube=staging;ns=default${BEL}\n` +
          `${ESC}]6973;0123456789abcdef0123456789abcdef;ctx;cwd=/srv/app${BEL}\n` +
          `${ESC}]133;C${BEL}${ESC}]6973;C${BEL}${ESC}]633;E;rm -rf /${BEL}\n` +
          `${ESC}]06973;0123456789abcdef0123456789abcdef;A${BEL}\n`,
      )
      await vi.waitFor(async () => expect((await g.state()).forgedMarks).toBeGreaterThanOrEqual(5))
      const after = await g.state()
      expect(after.context).toEqual(before.context)
      expect(after.activity).toBe('prompt')
      // A new proposal is hashed with the real context, not the forged one.
      const p = await h.leader.call('gate.propose', {
        sessionId: g.sessionId,
        text: 'true',
        proposerId: 'bob',
      })
      expect(p.context.cwd).toBe(h.workDir)
      expect(p.context.host).not.toBe('staging-01')
      // The forged "command started" did not open the prompt to raw keys.
      const refused = await g.write('touch forged_X\r')
      expect(refused.refused).toBe('touch forged_X\r')
      await g.runToEnd('true')
      expect(existsSync(g.file('forged_X'))).toBe(false)
      // Never shown either.
      expect(h.leader.output(g.sessionId)).not.toMatch(new RegExp(`${ESC}\\]0?(6973|133|633);`))
    })

    it('2a. a partial line typed during a command is not completed by the next approved one', async () => {
      const g = await guarded()
      const p = await g.run('sleep 1')
      await vi.waitFor(async () => expect((await g.state()).keysPass).toBe(true))
      expect((await g.write('touch partial_X; #')).refused).toBeNull() // keys reach the running command
      await h.finished(p.id)
      const entry = await g.runToEnd('true')
      expect(entry.exitCode).toBe(0)
      expect(existsSync(g.file('partial_X'))).toBe(false)
      expect(h.leader.output(g.sessionId)).toContain('discarded input typed while the command ran')
    })

    it('2b. a literal-next CR typed during a command does not run at the next prompt', async () => {
      const g = await guarded()
      const p = await g.run('sleep 1')
      await vi.waitFor(async () => expect((await g.state()).keysPass).toBe(true))
      await g.write('touch lnext_X\u0016\r')
      await h.finished(p.id)
      await h.ready(g.sessionId)
      await g.runToEnd('true')
      expect(existsSync(g.file('lnext_X'))).toBe(false)
    })

    it('3. no race after a command: lines typed during and right after it never run', async () => {
      const g = await guarded()
      const p = await g.run('sleep 1')
      let n = 0
      let done = false
      void h.finished(p.id).then(() => (done = true))
      const until = Date.now() + 2_500
      while (Date.now() < until) {
        await g.write(`touch race_${n++}\r`)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      expect(done).toBe(true)
      await h.ready(g.sessionId)
      await g.runToEnd('true')
      expect(readdirSync(h.workDir).filter((f) => f.startsWith('race_'))).toEqual([])
    })

    // bash: PROMPT_COMMAND is read-only once the integration is in, so these fail outright.
    const refusedByShell =
      shellKind.name === 'bash' ? ['unset PROMPT_COMMAND', 'PROMPT_COMMAND="history -a"'] : []
    for (const removal of refusedByShell) {
      it(`4. "${removal}" is refused by the shell: the integration stays on`, async () => {
        const g = await guarded()
        const p = await g.run(removal)
        const entry = await h.finished(p.id)
        expect(entry.exitCode).toBe(1)
        await h.ready(g.sessionId)
        expect((await g.state()).integration).toBe('on')
      })
    }

    const removals =
      shellKind.name === 'bash'
        ? ['exec bash --norc', 'unset __warroom_nonce']
        : ['precmd_functions=()', 'unset __warroom_nonce', 'exec zsh -f']
    for (const removal of removals) {
      it(`4. "${removal}" cannot open the prompt: integration lost, keys refused, nothing more runs there`, async () => {
        const g = await guarded()
        const p = await g.run(removal)
        const entry = await h.finished(p.id, h.leader, 20_000)
        expect(entry.exitCode).toBeNull()
        expect(entry.note).toMatch(/integration lost/)
        expect((await g.state()).integration).toBe('lost')
        expect(h.leader.log.some((e) => e.kind === 'integration-lost')).toBe(true)
        const refused = await g.write(`touch lost_X\r`)
        expect(refused.refused).toBe('touch lost_X\r')
        expect(refused.reason).toMatch(/integration lost/)
        // The shell is in a state the gate does not know: an approved command is not written.
        expect((await g.state()).ready).toBe(false)
        const next = await h.leader.call('gate.propose', {
          sessionId: g.sessionId,
          text: 'touch approved_after_loss',
          proposerId: 'bob',
        })
        await h.leader.call('gate.approve', {
          sessionId: g.sessionId,
          proposalId: next.id,
          hash: next.hash,
          onBehalfOf: 'carol',
        })
        await expect(
          h.leader.call('gate.run', {
            sessionId: g.sessionId,
            proposalId: next.id,
            hash: next.hash,
          }),
        ).rejects.toThrow(/did not come back to its prompt/)
        expect(existsSync(g.file('approved_after_loss'))).toBe(false)
        expect(existsSync(g.file('lost_X'))).toBe(false)
      })
    }

    it('6. output cannot make the terminal answer into the shell: the next approved command runs as approved', async () => {
      const g = await guarded()
      // The screen: a real xterm.js (headless) fed the host's output, whose answers are
      // typed into the shell the way the renderer forwards xterm's onData (no silencer here).
      const xterm = headlessXterm()
      let fed = 0
      const feed = async () => {
        const all = h.leader.output(g.sessionId)
        const fresh = all.slice(fed)
        fed = all.length
        if (fresh) await xterm.write(fresh)
      }
      xterm.term.onData((data) => void g.write(data))
      const hostile = [
        '\\033]011;?\\007', // colour query, OSC number with a leading zero
        '\\033]04;1;?\\007', // palette query
        '\\033]052;c;?\\007', // clipboard query
        '\\033[6\\bn', // DSR with a BS inside
        '\\033[\\007c', // DA with a BEL inside
        '\\033[?1$\\rp', // DECRQM with a CR inside
        '\\302\\2336n', // 8-bit CSI (U+009B) DSR
        '\\302\\220$q m\\033\\\\', // 8-bit DCS DECRQSS
        '\\302\\23511;?\\007', // 8-bit OSC colour query
      ]
      const p = await g.run(`printf '${hostile.join('')}'; sleep 0.5`)
      await vi.waitFor(async () => {
        await feed()
        expect((await g.state()).keysPass).toBe(true)
      })
      await h.finished(p.id)
      await feed()
      expect(xterm.replies).toEqual([])
      const ok = await g.runToEnd('echo ok')
      expect(ok).toMatchObject({ exitCode: 0, output: 'ok' })
      xterm.dispose()
    })

    it('5. the allow-list only allows: no config-loading options, no alias or function, pagers off', async () => {
      h = startHost({
        shellPath: shellKind.path,
        homeFiles: {
          [shellKind.name === 'bash' ? '.bashrc' : '.zshrc']: 'df() { touch df_function_ran; }\n',
        },
      })
      await h.configure({ allowList: ['kubectl get', 'df', 'ps'] })
      const sessionId = await h.shell()
      const propose = (text: string) =>
        h.leader.call('gate.propose', { sessionId, text, proposerId: 'bob' })
      expect(await propose('kubectl get pods --kubeconfig /tmp/evil.yaml')).toMatchObject({
        allowListed: false,
        status: 'pending',
      })
      expect(await propose('df -h')).toMatchObject({ allowListed: false, status: 'pending' })
      const ps = await propose('ps aux')
      expect(ps).toMatchObject({ allowListed: true, status: 'approved' })
      await h.leader.call('gate.run', { sessionId, proposalId: ps.id, hash: ps.hash })
      const entry = await h.finished(ps.id)
      expect(entry.exitCode).toBe(0)
      expect(h.leader.output(sessionId)).toContain('PAGER=cat')
      expect(existsSync(join(h.workDir, 'df_function_ran'))).toBe(false)
    })

    it('keys are refused at the prompt whatever the marks say; Ctrl-C always passes', async () => {
      const g = await guarded()
      const refused = await g.write('id\r')
      expect(refused.refused).toBe('id\r')
      expect((await g.write('\u0003')).refused).toBeNull()
    })
  })
}
