/**
 * Closing an incident: the closing report (written as it is typed, without timeline noise,
 * except when its review status changes) and the moment the impact was mitigated.
 */
import { event, type ActContext, type RecordChange } from '../incident/change'
import type { ClosingReport, Incident, ReportStatus } from '../incident/model'

export const EMPTY_REPORT: ClosingReport = {
  summary: '',
  impact: '',
  detection: '',
  trigger: '',
  rootCauses: '',
  resolution: '',
  wentWell: '',
  wentWrong: '',
  gotLucky: '',
  status: 'draft',
  authors: '',
}

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  final: 'Final',
}

export function closingReport(incident: Incident): ClosingReport {
  return { ...EMPTY_REPORT, ...incident.closing }
}

/** Saves edits to the closing report; a change of status goes on the timeline. */
export function editClosingReport(
  context: ActContext,
  incident: Incident,
  patch: Partial<ClosingReport>,
): RecordChange | null {
  const before = closingReport(incident)
  const after = { ...before, ...patch }
  const changed = (Object.keys(patch) as (keyof ClosingReport)[]).some(
    (key) => before[key] !== after[key],
  )
  if (!changed) return null
  const events =
    before.status !== after.status
      ? [
          event(context, incident.id, {
            kind: 'incident',
            action: 'postmortem.status',
            summary: `Postmortem: ${REPORT_STATUS_LABELS[after.status]}`,
          }),
        ]
      : []
  return {
    changes: [
      { table: 'incidents', put: [{ ...incident, closing: after, updatedAt: context.now }] },
    ],
    events,
  }
}

/** The stop-gap worked: the impact is mitigated (time to mitigate is measured to here). */
export function markMitigated(
  context: ActContext,
  incident: Incident,
  at = context.now,
): RecordChange {
  return {
    changes: [
      { table: 'incidents', put: [{ ...incident, mitigatedAt: at, updatedAt: context.now }] },
    ],
    events: [
      event(context, incident.id, {
        kind: 'incident',
        action: 'incident.mitigated',
        summary: 'Impact mitigated',
        at,
      }),
    ],
  }
}

/** The mitigation was marked by mistake (or too early): metrics fall back to the checklist. */
export function clearMitigated(context: ActContext, incident: Incident): RecordChange | null {
  if (incident.mitigatedAt == null) return null
  return {
    changes: [
      { table: 'incidents', put: [{ ...incident, mitigatedAt: null, updatedAt: context.now }] },
    ],
    events: [
      event(context, incident.id, {
        kind: 'incident',
        action: 'incident.mitigation-cleared',
        summary: 'Mitigation mark removed',
      }),
    ],
  }
}

/** One lesson per line; blank lines and list markers typed by habit are dropped. */
export function lessonLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]\s+)?/, '').trim())
    .filter(Boolean)
}
