/**
 * The commands of the postmortem: each one run (exact text in a fence its content cannot
 * close, who proposed and approved it, exit code, duration, output), those not run,
 * break-glass sessions, the hash-chain verdict, and the stop-gap measures.
 */
import { formatDuration } from '../commands/command-log'
import type { ChainVerdict } from '../commands/hash-chain'
import { maskSecrets } from '../commands/mask-secrets'
import { toVisible } from '../commands/visible-text'
import type { IncidentRecord } from '../incident/model'
import { commandHistory, type CommandHistory } from './command-history'
import { blocks, codeBlock, heading, inline, inlineCode, table, who } from './markdown'
import { tickLine } from './sections'
import { utc } from './utc'

/** Columns between tab stops, as terminals expand a tab in output. */
const TAB_WIDTH = 8

/**
 * A block whose every line starts with `$ ` reads as prompts without output (markdownlint
 * MD014); such a `$` is part of what was typed or printed, and is written as `\u{24}`.
 */
const PROMPT_LIKE = /^\s*\$\s/

function promptLike(lines: readonly string[]): boolean {
  const written = lines.filter((line) => line.trim() !== '')
  return written.length > 0 && written.every((line) => PROMPT_LIKE.test(line))
}

function dollarsVisible(lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(/^(\s*)\$/, '$1\\u{24}'))
}

/** A command shown exactly: hidden or non-ASCII characters written as \u{…}, secrets masked. */
function commandText(text: string): { block: string; note: string } {
  const masked = maskSecrets(text)
  const lines = masked.split('\n')
  const dollars = promptLike(lines)
  const hidden = /[^\x20-\x7e\n]/.test(masked)
  if (!dollars && !hidden) return { block: codeBlock(masked, 'sh'), note: '' }
  const visible = lines.map(toVisible)
  const notes = [
    hidden && 'Hidden or non-ASCII characters are written as `\\u{…}`.',
    dollars &&
      'A `$` that starts a line is part of the command (not a prompt): it is written as `\\u{24}`.',
  ].filter(Boolean)
  return {
    block: codeBlock((dollars ? dollarsVisible(visible) : visible).join('\n'), 'text'),
    note: `_${notes.join(' ')}_`,
  }
}

function expandTabs(line: string): string {
  let out = ''
  for (const char of line)
    out += char === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : char
  return out
}

/** Output as recorded (ANSI already stripped): tabs expanded, other control characters visible. */
function outputText(output: string): { block: string; note: string } {
  // eslint-disable-next-line no-control-regex
  const shown = maskSecrets(output).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) =>
    toVisible(c),
  )
  let lines = shown.split('\n')
  if (shown.includes('\t')) lines = lines.map(expandTabs)
  const dollars = promptLike(lines)
  return {
    block: codeBlock((dollars ? dollarsVisible(lines) : lines).join('\n'), 'text'),
    note: dollars ? '_A `$` that starts a line of the output is written as `\\u{24}`._' : '',
  }
}

function commandEntry(command: CommandHistory, index: number): string {
  const { block, note } = commandText(command.text)
  const facts: string[] = [`Proposed by ${who(command.proposedBy)} at ${utc(command.proposedAt)}`]
  const cwd = command.context?.cwd
  if (cwd) facts.push(`Working directory ${inlineCode(maskSecrets(cwd))}`)
  const kube = inline(command.context?.kubeContext ?? '')
  const namespace = inline(command.context?.kubeNamespace ?? '')
  if (kube) facts.push(`Kubernetes context ${kube}${namespace ? `, namespace ${namespace}` : ''}`)
  for (const a of command.approvals) {
    const comment = inline(a.comment ?? '')
    facts.push(`Approved by ${who(a.name)} at ${utc(a.at)}${comment ? `: ${comment}` : ''}`)
  }
  if (command.run) {
    const r = command.run
    const approvers = r.approvers.length
      ? r.approvers.map(who).join(', ')
      : 'the read-only allow-list'
    facts.push(`Run at ${utc(r.startedAt)} by ${who(r.by)}, approved by ${approvers}`)
    facts.push(
      r.exitCode === null && r.finishedAt === null
        ? 'Result not recorded (still running at export, or the shell did not report it)'
        : `Exit code **${r.exitCode ?? 'unknown'}** after ${formatDuration(r.durationMs)}`,
    )
    if (r.note && inline(r.note)) facts.push(`Note: ${inline(r.note)}`)
  } else if (command.outcome) {
    const o = command.outcome
    const why = inline(o.note ?? '')
    facts.push(
      `Not run: ${o.kind}${o.by && inline(o.by) ? ` by ${inline(o.by)}` : ''} at ${utc(o.at)}${why ? ` (${why})` : ''}`,
    )
  } else {
    facts.push('Not run (still pending at export)')
  }
  if (command.hash) facts.push(`SHA-256 ${inlineCode(command.hash)}`)
  const output = command.run?.output ? outputText(command.run.output) : null
  return blocks(
    heading(3, `Command ${index + 1}`),
    block,
    note,
    facts.map((f) => `- ${f}`).join('\n'),
    output && 'Output (excerpt):',
    output?.block,
    output?.note,
  )
}

export function verdictLine(verdict: ChainVerdict): string {
  return verdict.intact
    ? `Command log: ${verdict.length} entries, hash chain **intact** (verified when this document was made).`
    : `Command log: hash chain **BROKEN** at entry ${verdict.brokenAt + 1} (${verdict.reason}): the record was altered after it was written.`
}

export function commands(s: IncidentRecord, verdict: ChainVerdict): string {
  const { commands: history, breakGlass } = commandHistory(s.commandLog)
  const ran = history.filter((c) => c.run)
  const notRun = history.filter((c) => !c.run)
  return blocks(
    verdictLine(verdict),
    ran.length
      ? ran.map(commandEntry).join('\n\n')
      : '_No command was run through the guarded terminal._',
    notRun.length > 0 && heading(3, 'Proposed but not run'),
    ...notRun.map((c) => {
      const { block, note } = commandText(c.text)
      const reason = inline(c.outcome?.note ?? '')
      const why = c.outcome ? `${c.outcome.kind}${reason ? `: ${reason}` : ''}` : 'pending'
      return blocks(
        block,
        note,
        `Proposed by ${who(c.proposedBy)} at ${utc(c.proposedAt)}; ${why}.`,
      )
    }),
    breakGlass.length > 0 && heading(3, 'Break-glass (direct typing into the shell)'),
    breakGlass.length > 0 &&
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

export function stopGaps(s: IncidentRecord): string {
  const mitigatedAt = s.incident.mitigatedAt
  const ticks = s.checklist
    .filter((c) => c.stage === 'stop-bleeding')
    .sort((a, b) => a.order - b.order)
    .map(tickLine)
  const { commands: history } = commandHistory(s.commandLog)
  const ran = history.filter(
    (c) => c.run && (mitigatedAt == null || c.run.startedAt <= mitigatedAt),
  )
  const cmds = ran.map(
    (c) =>
      `- ${inlineCode(maskSecrets(toVisible(c.text)))} at ${utc(c.run!.startedAt)}: exit ${c.run!.exitCode ?? 'unknown'}`,
  )
  return blocks(
    mitigatedAt == null
      ? '_The impact was not marked as mitigated._'
      : `Impact mitigated at ${utc(mitigatedAt)}.`,
    ticks.join('\n') || '_No stop-gap checklist._',
    cmds.length > 0 && `Commands run${mitigatedAt == null ? '' : ' until mitigation'}:`,
    cmds.join('\n'),
  )
}
