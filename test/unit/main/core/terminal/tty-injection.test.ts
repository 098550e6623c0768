import { describe, expect, it } from 'vitest'
import { ttyInjectionWarning } from '../../../../../src/main/core/terminal/tty-injection'

describe('the tty-injection warning', () => {
  it('warns where a program may push input into its terminal, and not where the kernel forbids it', () => {
    expect(ttyInjectionWarning(() => '1\n')).toMatch(/TIOCSTI.*legacy_tiocsti=0/)
    expect(ttyInjectionWarning(() => '0\n')).toBeNull()
    const noSwitch = () => {
      throw new Error('ENOENT')
    }
    expect(ttyInjectionWarning(noSwitch)).toMatch(/TIOCSTI/)
  })
})
