import type { Finding } from '../../../shared/commands/inspect-command'
import { maskSecrets } from '../../../shared/commands/mask-secrets'

function codeLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * The command as it will run, large and monospaced: plain printable ASCII as itself
 * (secrets masked), every other character as a visible, named chip. Lines are numbered.
 */
export function CommandText({ text, findings }: { text: string; findings: readonly Finding[] }) {
  const names = new Map<number, string>()
  const SHAPE = new Set(['multiline', 'trailing-newline', 'long-line', 'unfinished'])
  for (const finding of findings) {
    if (!SHAPE.has(finding.kind) && !names.has(finding.index)) {
      names.set(finding.index, finding.description)
    }
  }
  const lines: Array<Array<{ plain: string } | { special: string; name: string }>> = [[]]
  let run = ''
  let index = 0
  const flush = () => {
    if (run) lines[lines.length - 1]!.push({ plain: run })
    run = ''
  }
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\n') {
      flush()
      lines.push([])
    } else if (code >= 0x20 && code <= 0x7e) {
      run += char
    } else {
      flush()
      lines[lines.length - 1]!.push({
        special: codeLabel(char),
        name: names.get(index) ?? `character ${codeLabel(char)}`,
      })
    }
    index += char.length
  }
  flush()
  const trailingNewline = text.endsWith('\n')
  if (trailingNewline) lines.pop()
  return (
    <ol className="command-text" aria-label="Command text">
      {lines.map((parts, n) => (
        <li key={n} className="command-line">
          {lines.length > 1 && <span className="line-number">{n + 1}</span>}
          <code>
            {parts.map((part, i) =>
              'plain' in part ? (
                <span key={i}>{maskSecrets(part.plain)}</span>
              ) : (
                <mark key={i} className="char-special" title={part.name}>
                  ⟨{part.name.split(': ')[0]}⟩
                </mark>
              ),
            )}
          </code>
        </li>
      ))}
      {trailingNewline && (
        <li className="command-line">
          <mark className="char-special">⟨trailing newline⟩</mark>
        </li>
      )}
    </ol>
  )
}
