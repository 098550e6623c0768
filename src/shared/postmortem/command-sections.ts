/**
 * The commands of the postmortem: each one run (exact text in a fence its content cannot
 * close, who proposed and approved it, exit code, duration, output), those not run,
 * break-glass sessions, the hash-chain verdict, and the stop-gap measures.
 */
import { formatDuration } from '../commands/command-log'
import type { ChainVerdict } from '../commands/hash-chain'
import { maskSecrets } from '../commands/mask-secrets'
import { toVisible } from '../commands/visible-text'
import { commandHistory, type CommandHistory } from './command-history'
import { codeBlock, inline, inlineCode, table } from './markdown'
import { tickLine } from './sections'
import { utc, type IncidentSnapshot } from './source'

/** A command shown exactly: hidden or non-ASCII characters written as \u{…}, secrets masked. */
function commandText(text: string): { block: string; note: string } {
  const masked = maskSecrets(text)
  if (!/[^\x20-\x7e\n]/.test(masked)) return { block: codeBlock(masked, 'sh'), note: '' }
  const visible = masked.split('\n').map(toVisible).join('\n')
  return {
    block: codeBlock(visible, 'text'),
    note: '\n\n_Hidden or non-ASCII characters are written as `\\u{…}`._',
  }
}

/** Output as recorded (ANSI already stripped): other control characters made visible. */
function outputText(output: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = maskSecrets(output).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) =>
    toVisible(c),
  )
  return codeBlock(shown, 'text')
}

function commandEntry(command: CommandHistory, index: number): string {
  const { block, note } = commandText(command.text)
  const lines = [`### Command ${index + 1}`, '', block + note, '']
  const facts: string[] = [
    `Proposed by ${inline(command.proposedBy ?? 'someone')} at ${utc(command.proposedAt)}`,
  ]
  const cwd = command.context?.cwd
  if (cwd) facts.push(`Working directory ${inlineCode(maskSecrets(cwd))}`)
  if (command.context?.kubeContext)
    facts.push(
      `Kubernetes context ${inline(command.context.kubeContext)}${command.context.kubeNamespace ? `, namespace ${inline(command.context.kubeNamespace)}` : ''}`,
    )
  for (const a of command.approvals)
    facts.push(
      `Approved by ${inline(a.name)} at ${utc(a.at)}${a.comment ? `: ${inline(a.comment)}` : ''}`,
    )
  if (command.run) {
    const r = command.run
    const approvers = r.approvers.length
      ? r.approvers.map(inline).join(', ')
      : 'the read-only allow-list'
    facts.push(
      `Run at ${utc(r.startedAt)} by ${inline(r.by ?? 'someone')}, approved by ${approvers}`,
    )
    facts.push(
      r.exitCode === null && r.finishedAt === null
        ? 'Result not recorded (still running at export, or the shell did not report it)'
        : `Exit code **${r.exitCode ?? 'unknown'}** after ${formatDuration(r.durationMs)}`,
    )
  } else if (command.outcome) {
    const o = command.outcome
    facts.push(
      `Not run: ${o.kind}${o.by ? ` by ${inline(o.by)}` : ''} at ${utc(o.at)}${o.note ? ` (${inline(o.note)})` : ''}`,
    )
  } else {
    facts.push('Not run (still pending at export)')
  }
  if (command.hash) facts.push(`SHA-256 ${inlineCode(command.hash)}`)
  lines.push(...facts.map((f) => `- ${f}`))
  if (command.run?.output)
    lines.push('', '**Output (excerpt)**', '', outputText(command.run.output))
  return lines.join('\n')
}

export function verdictLine(verdict: ChainVerdict): string {
  return verdict.intact
    ? `Command log: ${verdict.length} entries, hash chain **intact** (verified when this document was made).`
    : `Command log: hash chain **BROKEN** at entry ${verdict.brokenAt + 1} (${verdict.reason}): the record was altered after it was written.`
}

export function commands(s: IncidentSnapshot, verdict: ChainVerdict): string {
  const { commands: history, breakGlass } = commandHistory(s.commandLog)
  const parts = [verdictLine(verdict)]
  const ran = history.filter((c) => c.run)
  const notRun = history.filter((c) => !c.run)
  parts.push(
    ran.length
      ? ran.map(commandEntry).join('\n\n')
      : '_No command was run through the guarded terminal._',
  )
  if (notRun.length) {
    parts.push(
      '**Proposed but not run**',
      notRun
        .map((c) => {
          const { block } = commandText(c.text)
          const why = c.outcome
            ? `${c.outcome.kind}${c.outcome.note ? `: ${inline(c.outcome.note)}` : ''}`
            : 'pending'
          return `${block}\n\nProposed by ${inline(c.proposedBy ?? 'someone')} at ${utc(c.proposedAt)}; ${why}.`
        })
        .join('\n\n'),
    )
  }
  if (breakGlass.length) {
    parts.push(
      '**Break-glass (direct typing into the shell)**',
      table(
        ['Who', 'Reason', 'From', 'Until'],
        breakGlass.map((b) => [
          b.by ?? 'someone',
          b.reason ?? '',
          utc(b.startedAt),
          b.endedAt === null ? 'not ended' : utc(b.endedAt),
        ]),
      ),
    )
  }
  return parts.join('\n\n')
}

export function stopGaps(s: IncidentSnapshot): string {
  const mitigatedAt = s.incident.mitigatedAt
  const ticks = s.checklist.filter((c) => c.stage === 'stop-bleeding').map(tickLine)
  const { commands: history } = commandHistory(s.commandLog)
  const ran = history.filter(
    (c) => c.run && (mitigatedAt == null || c.run.startedAt <= mitigatedAt),
  )
  const cmds = ran.map(
    (c) =>
      `- ${inlineCode(maskSecrets(toVisible(c.text)))} at ${utc(c.run!.startedAt)}: exit ${c.run!.exitCode ?? 'unknown'}`,
  )
  return [
    mitigatedAt == null
      ? '_The impact was not marked as mitigated._'
      : `Impact mitigated at ${utc(mitigatedAt)}.`,
    ticks.join('\n') || '_No stop-gap checklist._',
    cmds.length
      ? `Commands run${mitigatedAt == null ? '' : ' until mitigation'}:\n\n${cmds.join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n')
}
