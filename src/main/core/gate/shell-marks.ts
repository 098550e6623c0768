import type { ShellContext } from '../../../shared/commands/gate-model'

/** What the shell integration tells the core (OSC 133 and our own OSC 6973 reports). */
export type ShellMark =
  | { type: 'prompt' }
  | { type: 'command-start' }
  | { type: 'command-end'; exitCode: number | null }
  | { type: 'context'; context: ShellContext }
  | { type: 'names'; aliases: string[]; functions: string[] }

/** Reverses the integration's escaping: `\xHH` stands for the byte, `\\` for a backslash. */
export function unescapeReport(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, code: string) =>
    String.fromCharCode(parseInt(code, 16)),
  )
}

const orNull = (value: string | undefined) => (value ? unescapeReport(value) : null)

/** Parses the body of an OSC 133 or 6973 sequence (without ESC ] and the terminator). */
export function parseMark(body: string): ShellMark | null {
  const parts = body.split(';')
  if (parts[0] === '133') {
    switch (parts[1]) {
      case 'A':
        return { type: 'prompt' }
      case 'C':
        return { type: 'command-start' }
      case 'D': {
        const code = parts[2] === undefined ? NaN : Number(parts[2])
        return { type: 'command-end', exitCode: Number.isInteger(code) ? code : null }
      }
      default:
        return null
    }
  }
  if (parts[0] !== '6973') return null
  const fields = new Map(
    parts.slice(2).map((pair) => {
      const at = pair.indexOf('=')
      return [pair.slice(0, at), pair.slice(at + 1)] as const
    }),
  )
  if (parts[1] === 'ctx') {
    return {
      type: 'context',
      context: {
        cwd: orNull(fields.get('cwd')),
        user: orNull(fields.get('user')),
        host: orNull(fields.get('host')),
        kubeContext: orNull(fields.get('kube')),
        kubeNamespace: orNull(fields.get('ns')),
      },
    }
  }
  if (parts[1] === 'names') {
    const list = (key: string) =>
      unescapeReport(fields.get(key) ?? '')
        .split(',')
        .filter(Boolean)
    return { type: 'names', aliases: list('alias'), functions: list('function') }
  }
  return null
}
