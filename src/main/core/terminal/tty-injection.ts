import { readFileSync } from 'node:fs'
import { platform } from 'node:os'

/**
 * Whether a program in a terminal may push input into it (the TIOCSTI ioctl): then a job an
 * approved command left behind could type a line at the prompt, and the gate can only record
 * it afterwards. Linux 6.2+ can forbid it (`sysctl dev.tty.legacy_tiocsti=0`); older kernels
 * always allow it. Null when it is forbidden (or not a question here).
 */
export function ttyInjectionWarning(
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): string | null {
  if (platform() !== 'linux') return null
  let value: string
  try {
    value = read('/proc/sys/dev/tty/legacy_tiocsti').trim()
  } catch {
    value = '1' // a kernel without the switch always allows it
  }
  if (value === '0') return null
  return (
    'This kernel lets a program push input into its terminal (TIOCSTI): a job left behind by ' +
    'an approved command could type a command at the prompt. War Room records any such command ' +
    'as UNAPPROVED and raises the alarm; to prevent it, run `sysctl dev.tty.legacy_tiocsti=0` (Linux 6.2+).'
  )
}
