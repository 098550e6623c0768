/**
 * Review 2, output alone (a `cat` of an attacker's log, a compromised box's output): the
 * defences that held. Plain tests: they document that the fixed filter and phase machine
 * resist these, and fail if a change brings the attack back.
 */
import { writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { SHELLS, guardedShell, type Guarded } from '../review/review-fixture'

/**
 * Output that tries to swallow or fake the shell's next marks: an unfinished UTF-8
 * sequence, strings opened and never closed (7-bit and 8-bit C1 introducers: DCS, SOS,
 * OSC, and our own mark's prefix), an unfinished CSI, then a forged prompt-and-names cycle
 * with a made-up nonce in both 7-bit and C1 (U+009D … U+009C) OSC forms.
 */
const HOSTILE_TAILS = [
  'x\xe2',
  '\u001bP',
  '\u0090',
  '\u001b]0;',
  '\u0098',
  '\u001bX',
  '\u009d',
  '\u001b[',
  '\u001b]6973;',
]

for (const shell of SHELLS) {
  describe(`output alone on ${shell.name}`, () => {
    let g: Guarded
    afterEach(() => g?.h.host.dispose())

    // Defended: no output can hide the shell's real marks (each tail above ends a command's
    // output, right before the shell's D/ctx/names/A), and marks with a guessed nonce, in
    // 7-bit or 8-bit form, are counted as forged: the command ends with its exit code, the
    // integration stays on and the shell is ready for the next approved command.
    it('cannot swallow the real prompt marks nor forge a cycle', async () => {
      g = await guardedShell(shell)
      const fake = 'f'.repeat(32)
      const forged =
        `\u001b]6973;${fake};D;0\u0007\u009d6973;${fake};names;alias=;function=\u009c` +
        `\u001b]6973;${fake};A;next=${'b'.repeat(32)}\u001b\\`
      // As single bytes (latin1: a lone 0xE2, raw C1 bytes), and the C1 controls as UTF-8.
      for (const [i, tail] of HOSTILE_TAILS.entries()) {
        writeFileSync(
          g.file(`hostile-${i}.log`),
          Buffer.from(`${forged}line ${i}\n${tail}`, 'latin1'),
        )
      }
      g.put('hostile-utf8.log', `${forged}\u0090\u009d`)
      const before = (await g.state()).forgedMarks
      const entry = await g.runToEnd('cat hostile-*.log; (exit 3)')
      expect(entry.exitCode).toBe(3)
      const state = await g.state()
      expect(state.integration).toBe('on')
      expect(state.ready).toBe(true)
      expect(state.forgedMarks).toBeGreaterThan(before)
    })
  })
}
