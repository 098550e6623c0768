/**
 * Review 2, foothold: an approved, harmless-looking command (loading the team's readline
 * settings, a line someone proposed) that makes a LATER approved command run something other
 * than its approved text. Real host, real bash and zsh. Each was seen to work (a plain it() failing
 * on its own assertion) and is now defended: its assertions state what holds.
 */
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { SHELLS, guardedShell, type Guarded } from '../review/review-fixture'

for (const shell of SHELLS) {
  describe(`an approved command on ${shell.name}, then the next one`, () => {
    let g: Guarded
    afterEach(() => g?.h.host.dispose())

    // FINDING (high; fixed: the text always goes in one bracketed paste, whose keys the
    // integration binds again at every prompt): the gate typed an approved single-line command through the line
    // editor, key by key, and re-asserts only three bindings at each prompt (the clear-line
    // key, ^M, ^J). Any other key can be rebound by an approved "load the team's settings":
    // here `v` becomes a macro. The next approved `echo approved > approved_ok` is read as
    // `echo appro; touch macro_X #…`: the room approved one thing, the shell ran another,
    // and the log records the approved text as finished. Should hold: what the shell
    // receives is the approved text, literally (fix: src/main/core/gate/shell-input.ts
    // encodeForShell — always send the body inside a bracketed paste, which readline and
    // ZLE insert literally without consulting key bindings, and make the integration
    // force bracketed paste on (`bind 'set enable-bracketed-paste on'`, zle_bracketed_paste)
    // at every prompt; or reset every keymap (`bind -f` a pristine inputrc / `bindkey -d`)
    // in __warroom_keys).
    it('cannot rebind a printable key so that an approved line runs something else', async () => {
      g = await guardedShell(shell)
      if (shell.name === 'bash') {
        g.put('team.inputrc', `"v": "; touch macro_X #"\n`)
        await g.runToEnd('bind -f ./team.inputrc')
      } else {
        g.put('team.zsh', `bindkey -s 'v' '; touch macro_X #'\n`)
        await g.runToEnd('source ./team.zsh')
      }
      await g.runToEnd('echo approved > approved_ok')
      expect(existsSync(g.file('macro_X'))).toBe(false)
      expect(existsSync(g.file('approved_ok'))).toBe(true)
    })

    // FINDING (high; fixed: at every prompt the integration puts the DEBUG/RETURN/ERR traps,
    // zsh's preexec/precmd/chpwd hooks and TRAPDEBUG back to what the user's rc set up): the context an approval covers (cwd, user, host, PATH, kube, the first
    // word's alias/function kind) leaves out what the shell runs around every command: a
    // bash DEBUG trap, a zsh preexec hook. An approved `. ./team-env.sh` installs one that
    // waits for a chosen command; when that command is later approved and run, the hook
    // runs too (it could as well, with `shopt -s extdebug`, skip the approved command). The
    // room sees nothing: the integration reports no traps or hooks, and the hash is
    // unchanged. Should hold: what runs with an approved command is only that command.
    // Fix: resources/shell-integration/warroom.bash __warroom_keys (and zsh's) — clear the
    // DEBUG/RETURN traps and extdebug (`trap - DEBUG RETURN; shopt -u extdebug`) and reset
    // preexec_functions/TRAPDEBUG to the integration's own at every prompt, or report them
    // (`trap -p`, `${preexec_functions}`) in the names mark so that proposal-context.ts
    // hashes them and voids approvals when they change.
    it('cannot hook a later approved command with a DEBUG trap or preexec hook', async () => {
      g = await guardedShell(shell)
      if (shell.name === 'bash') {
        g.put(
          'team-env.sh',
          `trap '[[ $BASH_COMMAND == "echo approved"* ]] && touch hook_X' DEBUG\n`,
        )
      } else {
        g.put(
          'team-env.sh',
          `__team_hook() { [[ $1 == "echo approved"* ]] && touch hook_X }\n` +
            'preexec_functions+=(__team_hook)\n',
        )
      }
      await g.runToEnd('. ./team-env.sh')
      const entry = await g.runToEnd('echo approved > approved_ok')
      expect(entry.exitCode).toBe(0) // what the log says
      expect(existsSync(g.file('approved_ok'))).toBe(true)
      expect(existsSync(g.file('hook_X'))).toBe(false)
    })

    // FINDING (high; fixed: once the integration was on, losing it stops the gate writing
    // anything until a prompt comes back): an approved line that leaves the parser waiting for more (a trailing
    // backslash, an unterminated quote) never gets a command-start mark; after 3 s the gate
    // calls the integration "lost", records the command as finished, and still runs the
    // next approved command (`ready` is true whenever the integration is not 'on'), now
    // with Ctrl-U, which clears only the continuation line. The shell joins both:
    // `printf '%s\n' \` + `rm -f precious` runs `printf '%s\n' rm -f precious`, and the
    // log records `rm -f precious` as finished, exit 0, with the integration "restored".
    // Turned around, `ssh db-prod \` or `kubectl exec deploy/api -- \` makes the next
    // approved command (approved for this host and context) run on production. Should
    // hold: the gate does not write an approved command while the shell has not come back
    // to an authenticated prompt (fix: src/main/core/gate/shell-tracker.ts `ready` — false
    // while the integration is 'lost' after having been 'on', until a prompt mark restores
    // it; and inspect-command.ts flags a text that does not parse as complete: trailing
    // backslash, open quote, here-doc without its terminator). Fixed both ways: the
    // inspector's 'unfinished' finding blocks approval, and the gate writes nothing while
    // the shell has not come back to an authenticated prompt.
    it('an approved line left unfinished cannot join the next approved command', async () => {
      g = await guardedShell(shell)
      await g.h.configure({ riskyExtra: 0 }) // one approval for `rm` too, as many teams set it
      g.put('precious', 'keep me\n')
      // The inspector finds the trailing backslash: the line cannot be approved and run.
      await expect(g.h.runApproved(g.sessionId, `printf '%s\\n' \\`)).rejects.toThrow(
        /unfinished: the shell would wait for more input \(trailing backslash\)/,
      )
      const second = await g.h.runApproved(g.sessionId, 'rm -f precious')
      const entry = await g.h.finished(second.id, g.h.leader, 15_000)
      // It ran on its own, as approved: nothing was left waiting to be joined to it.
      expect(entry.exitCode).toBe(0)
      expect(existsSync(g.file('precious'))).toBe(false)
    })

    // FINDING (medium; fixed: bracketed paste is bound again at every prompt and always
    // used): without bracketed paste (switched off by an approved settings line,
    // zsh's `unset zle_bracketed_paste`, bash before 5.1) a multi-line approved command is
    // typed line by line at once. The shell runs the first line; the others sit in the
    // terminal's input while it runs and the next prompt's drain discards them ("discarded
    // input typed while the command ran"). `systemctl stop app` + `systemctl start app`
    // stops the service and never starts it; the log records the whole text as finished,
    // exit 0. Should hold: every approved line runs, or the gate refuses a multi-line
    // command it cannot deliver as one input (fix: encodeForShell / CommandGate.run —
    // refuse multi-line without bracketed paste, or join the lines with `;`-free newlines
    // inside one bracketed paste after forcing it on at each prompt).
    it('a multi-line approved command runs every line', async () => {
      g = await guardedShell(shell)
      if (shell.name === 'bash') {
        await g.runToEnd(`bind 'set enable-bracketed-paste off'`)
      } else {
        await g.runToEnd('unset zle_bracketed_paste')
      }
      const entry = await g.runToEnd('touch line_one\ntouch line_two')
      expect(entry.exitCode).toBe(0) // what the log says
      expect(existsSync(g.file('line_one'))).toBe(true)
      expect(existsSync(g.file('line_two'))).toBe(true)
    })
  })
}
