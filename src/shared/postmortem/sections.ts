/**
 * Sections shared by the postmortem presets (the commands' are in ./command-sections). Every piece of user text goes through the
 * escaping helpers of ./markdown; nothing here concatenates raw user text into Markdown.
 */
import { ACTION_STATUS_LABELS, ACTION_TYPE_LABELS, isOverdue } from '../closing/action-items'
import { lessonLines, REPORT_STATUS_LABELS } from '../closing/closing-acts'
import { formatSpan, incidentMetrics } from '../closing/metrics'
import { ROLE_LABELS } from '../incident/roles'
import { EVENT_KIND_LABELS } from '../incident/timeline'
import {
  NOTE_KINDS,
  type ChecklistItem,
  type ClosingReport,
  type NoteKind,
} from '../incident/model'
import { STAGES } from '../incident/stages'
import { bullets, inline, linkOrText, paragraphs, table } from './markdown'
import { utc, utcDate, type IncidentSnapshot } from './source'

export function metadata(s: IncidentSnapshot, report: ClosingReport, now: number): string {
  const { incident } = s
  const rows: [string, string][] = [
    ['Date', utcDate(incident.impactStartedAt ?? incident.declaredAt)],
    ['Authors', inline(report.authors) || '_not named_'],
    ['Status', REPORT_STATUS_LABELS[report.status]],
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

const NOTE_KIND_HEADINGS: Record<NoteKind, string> = {
  fact: 'Facts',
  hypothesis: 'Hypotheses',
  decision: 'Decisions',
  question: 'Questions',
  impact: 'Impact',
  update: 'Updates',
}

export function notes(s: IncidentSnapshot): string {
  const kept = s.notes.filter((n) => !n.draft)
  if (kept.length === 0) return '_No notes._'
  return NOTE_KINDS.flatMap((kind) => {
    const ofKind = kept.filter((n) => n.kind === kind)
    if (!ofKind.length) return []
    return [
      `**${NOTE_KIND_HEADINGS[kind]}**`,
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

/** A checklist item as a task-list line: ticked or not, when and by whom. */
export function tickLine(c: ChecklistItem): string {
  const by = c.checkedBy ? `, ${inline(c.checkedBy)}` : ''
  const when = c.checkedAt === null ? '' : ` (${utc(c.checkedAt)}${by})`
  return `- [${c.checkedAt === null ? ' ' : 'x'}] ${inline(c.text)}${when}`
}

export function checklist(s: IncidentSnapshot): string {
  return STAGES.map((stage) => {
    const items = s.checklist.filter((c) => c.stage === stage.id).sort((a, b) => a.order - b.order)
    return `**${stage.label}**\n\n${items.map(tickLine).join('\n') || '_No items._'}`
  }).join('\n\n')
}
