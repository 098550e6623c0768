import { timingSafeEqual } from 'node:crypto'
import type { ShellContext } from '../../../shared/commands/gate-model'
import type { MarkKeys } from './mark-keys'

/** What the shell integration tells the core (OSC 6973 marks carrying the shell's nonce). */
export type ShellMark =
  /** At a clean prompt; the next keys are in the handoff file numbered `seq`. */
  | { type: 'prompt'; seq: number | null }
  | { type: 'command-start' }
  | { type: 'command-end'; exitCode: number | null }
  | { type: 'context'; context: ShellContext }
  | { type: 'names'; aliases: string[]; functions: string[] }

/** Our marks' OSC number; 133 and 633 are other integrations' (VS Code, iTerm2, a nested shell). */
export const MARK_IDENT = 6973

/** Reverses the integration's escaping: `\xHH` stands for the byte, `\\` for a backslash. */
export function unescapeReport(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, code: string) =>
    String.fromCharCode(parseInt(code, 16)),
  )
}

const orNull = (value: string | undefined) => (value ? unescapeReport(value) : null)

function sameNonce(given: string, nonce: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(nonce)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Reads one mark (its OSC number and body after "<number>;"). Only our own number signed
 * with this shell's current key for that kind of mark is believed (the start key for a
 * command start, the end key for everything else); anything else that looks like a mark is
 * `forged` (printed by some program: a log line, a `cat`, a nested shell's own integration)
 * and ignored.
 */
export function readMark(ident: number, body: string, keys: MarkKeys | null): ShellMark | 'forged' {
  if (ident !== MARK_IDENT || keys === null) return 'forged'
  const parts = body.split(';')
  const [kind, ...rest] = parts.slice(1)
  const key = kind === 'C' ? keys.start : keys.end
  if (key === null || !sameNonce(parts[0] ?? '', key)) return 'forged'
  switch (kind) {
    case 'A': {
      const seq = fieldsOf(rest).get('seq') ?? ''
      return { type: 'prompt', seq: /^\d{1,9}$/.test(seq) ? Number(seq) : null }
    }
    case 'C':
      return { type: 'command-start' }
    case 'D': {
      const code = rest[0] === undefined || rest[0] === '' ? NaN : Number(rest[0])
      return { type: 'command-end', exitCode: Number.isInteger(code) ? code : null }
    }
    case 'ctx': {
      const fields = fieldsOf(rest)
      return {
        type: 'context',
        context: {
          cwd: orNull(fields.get('cwd')),
          user: orNull(fields.get('user')),
          host: orNull(fields.get('host')),
          kubeContext: orNull(fields.get('kube')),
          kubeNamespace: orNull(fields.get('ns')),
          path: orNull(fields.get('path')),
        },
      }
    }
    case 'names': {
      const fields = fieldsOf(rest)
      const list = (key: string) =>
        unescapeReport(fields.get(key) ?? '')
          .split(',')
          .filter(Boolean)
      return { type: 'names', aliases: list('alias'), functions: list('function') }
    }
    default:
      return 'forged'
  }
}

function fieldsOf(pairs: string[]): Map<string, string> {
  return new Map(
    pairs.map((pair) => {
      const at = pair.indexOf('=')
      return at < 0 ? ([pair, ''] as const) : ([pair.slice(0, at), pair.slice(at + 1)] as const)
    }),
  )
}
