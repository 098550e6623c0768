/**
 * Sections shared by the postmortem presets. Every piece of user text goes through the
 * escaping helpers of ./markdown; nothing here concatenates raw user text into Markdown.
 */
import { formatDuration } from '../commands/command-log'
import { maskSecrets } from '../commands/mask-secrets'
import { toVisible } from '../commands/visible-text'
import type { ChainVerdict } from '../commands/hash-chain'
import { ACTION_STATUS_LABELS, ACTION_TYPE_LABELS, isOverdue } from '../closing/action-items'
import { lessonLines } from '../closing/closing-acts'
import { formatSpan, incidentMetrics } from '../closing/metrics'
import { NOTE_KIND_LABELS } from '../incident/note-acts'
import { ROLE_LABELS } from '../incident/roles'
import { EVENT_KIND_LABELS } from '../incident/timeline'
import { NOTE_KINDS, type ClosingReport } from '../incident/model'
import { STAGES } from '../incident/stages'
import { commandHistory, type CommandHistory } from './command-history'
import { bullets, codeBlock, inline, inlineCode, linkOrText, paragraphs, table } from './markdown'
import { utc, utcDate, type IncidentSnapshot } from './source'

export function metadata(s: IncidentSnapshot, report: ClosingReport, now: number): string {
  const { incident } = s
  const rows: [string, string][] = [
    ['Date', utcDate(incident.impactStartedAt ?? incident.declaredAt)],
    ['Authors', inline(report.authors) || '_not named_'],
    [
      'Status',
      report.status === 'in-review' ? 'In review' : report.status === 'final' ? 'Final' : 'Draft',
    ],
    ['Severity', incident.severity],
    ['Declared', `${utc(incident.declaredAt)} by ${inline(incident.declaredBy)}`],
    ['Closed', incident.closedAt === null ? '_still open_' : utc(incident.closedAt)],
    ['Exported', utc(now)],
  ]
  return [...rows.map(([key, value]) => `- **${key}:** ${value}`), '', '_All times are UTC._'].join(
    '\n',
  )
}

export function metrics(s: IncidentSnapshot): string {
  const m = incidentMetrics(s.incident, s.checklist)
  return table(
    ['Metric', 'Time', 'Measured'],
    [
      ['Time to declare', formatSpan(m.timeToDeclare.ms), m.timeToDeclare.basis],
      ['Time to mitigate', formatSpan(m.timeToMitigate.ms), m.timeToMitigate.basis],
      ['Time to resolve', formatSpan(m.timeToResolve.ms), m.timeToResolve.basis],
    ],
  )
}

export function roles(s: IncidentSnapshot): string {
  const names = new Map(s.people.map((p) => [p.id, p.name]))
  const people = table(
    ['Person', 'Team', 'Roles', 'Joined', 'Left'],
    s.people.map((p) => {
      const held = [
        ...new Set(s.roles.filter((r) => r.personId === p.id).map((r) => ROLE_LABELS[r.role])),
      ]
      return [
        p.name,
        p.team,
        held.join(', '),
        utc(p.joinedAt),
        p.leftAt === null ? '' : utc(p.leftAt),
      ]
    }),
  )
  const assignments = [...s.roles].sort((a, b) => a.assignedAt - b.assignedAt)
  const history = table(
    ['Role', 'Held by', 'From', 'Until'],
    assignments.map((r) => [
      ROLE_LABELS[r.role],
      names.get(r.personId) ?? 'someone',
      utc(r.assignedAt),
      r.endedAt === null ? '' : utc(r.endedAt),
    ]),
  )
  return s.people.length
    ? `${people}\n\n**Role history (handovers)**\n\n${history}`
    : '_No one recorded._'
}

export function actionItems(s: IncidentSnapshot, now: number): string {
  if (s.actionItems.length === 0) return '_No action items yet._'
  const items = [...s.actionItems].sort(
    (a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.createdAt - b.createdAt,
  )
  return table(
    ['Action item', 'Type', 'Owner', 'Due', 'Deliverable', 'Status', 'Ticket'],
    items.map((item) => [
      item.title,
      ACTION_TYPE_LABELS[item.type],
      inline(item.owner) ? item.owner : 'unassigned',
      item.dueAt === null ? 'no time box' : utcDate(item.dueAt),
      item.deliverable,
      `${ACTION_STATUS_LABELS[item.status]}${isOverdue(item, now) ? ' (overdue)' : ''}`,
      linkOrText(item.ticket),
    ]),
  )
}

export function lessons(
  report: ClosingReport,
  labels = ['What went well', 'What went wrong', 'Where we got lucky'],
): string {
  const lists = [report.wentWell, report.wentWrong, report.gotLucky]
  return lists
    .map((list, index) => `### ${labels[index]}\n\n${bullets(lessonLines(list))}`)
    .join('\n\n')
}

export function timeline(s: IncidentSnapshot): string {
  if (s.events.length === 0) return '_Nothing recorded._'
  return s.events
    .map((e) => {
      const actor = inline(e.actor ?? '')
      const who = actor ? ` ${actor}:` : ''
      return `- ${utc(e.at)} · ${EVENT_KIND_LABELS[e.kind]} ·${who} ${inline(e.summary)}`
    })
    .join('\n')
}

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
  const stage = STAGES.find((st) => st.id === 'stop-bleeding')!
  const items = s.checklist.filter((c) => c.stage === stage.id)
  const ticks = items.map(
    (c) =>
      `- [${c.checkedAt === null ? ' ' : 'x'}] ${inline(c.text)}${c.checkedAt === null ? '' : ` (${utc(c.checkedAt)}${c.checkedBy ? `, ${inline(c.checkedBy)}` : ''})`}`,
  )
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

export function notes(s: IncidentSnapshot): string {
  const kept = s.notes.filter((n) => !n.draft)
  if (kept.length === 0) return '_No notes._'
  return NOTE_KINDS.flatMap((kind) => {
    const ofKind = kept.filter((n) => n.kind === kind)
    if (!ofKind.length) return []
    return [
      `**${NOTE_KIND_LABELS[kind]}s**`,
      ofKind.map((n) => `- ${utc(n.createdAt)} ${inline(n.author)}: ${inline(n.text)}`).join('\n'),
    ]
  }).join('\n\n')
}

export function stakeholderUpdates(s: IncidentSnapshot): string {
  if (s.stakeholderUpdates.length === 0) return '_No stakeholder update was recorded._'
  return [...s.stakeholderUpdates]
    .sort((a, b) => a.sentAt - b.sentAt)
    .map(
      (u) =>
        `**${utc(u.sentAt)}**${u.sentBy ? ` by ${inline(u.sentBy)}` : ''}\n\n${paragraphs(u.text)}`,
    )
    .join('\n\n')
}

export function checklist(s: IncidentSnapshot): string {
  return STAGES.map((stage) => {
    const items = s.checklist.filter((c) => c.stage === stage.id).sort((a, b) => a.order - b.order)
    const lines = items.map(
      (c) =>
        `- [${c.checkedAt === null ? ' ' : 'x'}] ${inline(c.text)}${c.checkedAt === null ? '' : ` (${utc(c.checkedAt)})`}`,
    )
    return `**${stage.label}**\n\n${lines.join('\n') || '_No items._'}`
  }).join('\n\n')
}
