/**
 * The incident's response times, computed from the record: time to declare (impact start
 * → declaration), to mitigate (→ the stop-gap worked) and to resolve (→ closed).
 */
import type { ChecklistItem, Incident } from '../incident/model'

export interface Metric {
  /** Milliseconds, or null when an end of the interval is not known yet. */
  ms: number | null
  /** Where the figure comes from, in words, when it is derived or missing. */
  basis: string
}

export interface IncidentMetrics {
  timeToDeclare: Metric
  timeToMitigate: Metric
  timeToResolve: Metric
}

/** When the stop-gap worked: marked by the leader, else the last tick of the stage. */
export function mitigatedAt(
  incident: Incident,
  checklist: readonly ChecklistItem[],
): { at: number; basis: string } | null {
  if (incident.mitigatedAt != null) return { at: incident.mitigatedAt, basis: 'marked mitigated' }
  const stage = checklist.filter((item) => item.stage === 'stop-bleeding')
  if (stage.length === 0 || stage.some((item) => item.checkedAt === null)) return null
  return {
    at: Math.max(...stage.map((item) => item.checkedAt!)),
    basis: '"Stop the bleeding" checklist completed',
  }
}

export function incidentMetrics(
  incident: Incident,
  checklist: readonly ChecklistItem[],
): IncidentMetrics {
  const start = incident.impactStartedAt
  const origin = start ?? incident.declaredAt
  const originBasis =
    start === null ? 'from declaration (impact start unknown)' : 'from impact start'
  const mitigated = mitigatedAt(incident, checklist)
  const span = (end: number | null): number | null =>
    end === null ? null : Math.max(0, end - origin)
  return {
    timeToDeclare:
      start === null
        ? { ms: null, basis: 'impact start unknown' }
        : { ms: Math.max(0, incident.declaredAt - start), basis: 'impact start → declaration' },
    timeToMitigate: mitigated
      ? { ms: span(mitigated.at), basis: `${originBasis} to ${mitigated.basis}` }
      : { ms: null, basis: 'not mitigated yet' },
    timeToResolve:
      incident.closedAt === null
        ? { ms: null, basis: 'not closed yet' }
        : { ms: span(incident.closedAt), basis: `${originBasis} to closing` },
  }
}

/** "1 h 05 min", "12 min", "40 s" — how people say a response time. */
export function formatSpan(ms: number | null): string {
  if (ms === null) return '—'
  const minutes = Math.round(ms / 60_000)
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`
  if (minutes < 60) return `${minutes} min`
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = `${hours} h ${String(minutes % 60).padStart(2, '0')} min`
  return days > 0 ? `${days} d ${rest}` : rest
}
