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
  type IncidentRecord,
  type NoteKind,
} from '../incident/model'
import { STAGES } from '../incident/stages'
import { blocks, bullets, heading, inline, linkOrText, paragraphs, table, who } from './markdown'
import { utc, utcDate } from './utc'

export function metadata(s: IncidentRecord, report: ClosingReport, now: number): string {
  const { incident } = s
  const rows: [string, string][] = [
    ['Date', utcDate(incident.impactStartedAt ?? incident.declaredAt)],
    ['Authors', inline(report.authors) || '_not named_'],
    ['Status', REPORT_STATUS_LABELS[report.status]],
    ['Severity', incident.severity],
    ['Declared', `${utc(incident.declaredAt)} by ${who(incident.declaredBy)}`],
    ['Closed', incident.closedAt === null ? '_still open_' : utc(incident.closedAt)],
    ['Exported', utc(now)],
  ]
  return [...rows.map(([key, value]) => `- **${key}:** ${value}`), '', '_All times are UTC._'].join(
    '\n',
  )
}

export function metrics(s: IncidentRecord): string {
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

export function roles(s: IncidentRecord): string {
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
  if (!s.people.length) return '_No one recorded._'
  return blocks(heading(3, 'People'), people, heading(3, 'Role history (handovers)'), history)
}

export function actionItems(s: IncidentRecord, now: number): string {
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
  return blocks(
    ...lists.flatMap((list, index) => [
      heading(3, labels[index] ?? ''),
      bullets(lessonLines(list)),
    ]),
  )
}

export function timeline(s: IncidentRecord): string {
  if (s.events.length === 0) return '_Nothing recorded._'
  return s.events
    .map((e) => {
      const actor = inline(e.actor ?? '')
      const summary = inline(e.summary)
      return `- ${utc(e.at)} · ${EVENT_KIND_LABELS[e.kind]} ·${actor ? ` ${actor}:` : ''}${summary ? ` ${summary}` : ''}`
    })
    .join('\n')
}

const NOTE_KIND_HEADINGS: Record<NoteKind, string> = {
  fact: 'Facts',
  hypothesis: 'Hypotheses',
  decision: 'Decisions',
  question: 'Questions',
  // Not "Impact": the postmortem has a section of that name (markdownlint MD024).
  impact: 'Impact notes',
  update: 'Updates',
}

export function notes(s: IncidentRecord): string {
  const kept = s.notes.filter((n) => !n.draft)
  if (kept.length === 0) return blocks(heading(3, 'Notes'), '_No notes._')
  return blocks(
    heading(3, 'Notes'),
    ...NOTE_KINDS.flatMap((kind) => {
      const ofKind = kept.filter((n) => n.kind === kind)
      if (!ofKind.length) return []
      return [
        heading(4, NOTE_KIND_HEADINGS[kind]),
        ofKind
          .map((n) => listLine(utc(n.createdAt), `${who(n.author)}:`, inline(n.text)))
          .join('\n'),
      ]
    }),
  )
}

export function stakeholderUpdates(s: IncidentRecord): string {
  if (s.stakeholderUpdates.length === 0) return '_No stakeholder update was recorded._'
  return blocks(
    ...[...s.stakeholderUpdates]
      .sort((a, b) => a.sentAt - b.sentAt)
      .flatMap((u, index) => [
        heading(
          3,
          `Update ${index + 1}, ${utc(u.sentAt)}${u.sentBy && inline(u.sentBy) ? ` by ${u.sentBy}` : ''}`,
        ),
        paragraphs(u.text),
      ]),
  )
}

/** A list item of parts a space apart, the empty ones left out (no trailing space). */
function listLine(...parts: readonly string[]): string {
  return `- ${parts.filter(Boolean).join(' ')}`
}

/** A checklist item as a task-list line: ticked or not, when and by whom. */
export function tickLine(c: ChecklistItem): string {
  const by = c.checkedBy && inline(c.checkedBy) ? `, ${inline(c.checkedBy)}` : ''
  const when = c.checkedAt === null ? '' : `(${utc(c.checkedAt)}${by})`
  return listLine(`[${c.checkedAt === null ? ' ' : 'x'}]`, inline(c.text) || '_no text_', when)
}

export function checklist(s: IncidentRecord): string {
  return blocks(
    heading(3, 'Checklist'),
    ...STAGES.flatMap((stage) => {
      const items = s.checklist
        .filter((c) => c.stage === stage.id)
        .sort((a, b) => a.order - b.order)
      return [heading(4, stage.label), items.map(tickLine).join('\n') || '_No items._']
    }),
  )
}
