/**
 * Stakeholder updates for the Communication Leader: a fixed template (what is happening,
 * the impact, what we are doing, when the next update comes), sent at a cadence that
 * depends on the severity, every sent update on the timeline.
 */
import { event, type ActContext, type RecordChange } from '../incident/change'
import type { Incident, Severity, StakeholderUpdate } from '../incident/model'

/** Minutes between updates, per severity. */
export type UpdateCadence = Record<Severity, number>

export const DEFAULT_CADENCE: UpdateCadence = { SEV1: 30, SEV2: 60, SEV3: 120, SEV4: 240 }

export interface UpdateDraft {
  happening: string
  impact: string
  doing: string
  nextUpdateAt: number | null
}

/** The update as stakeholders read it (plain text: it goes to chat, mail or a status page). */
export function composeUpdate(
  incident: Pick<Incident, 'title' | 'severity' | 'status'>,
  draft: UpdateDraft,
  formatTime: (at: number) => string,
): string {
  const state = incident.status === 'active' ? 'ongoing' : 'resolved'
  const lines = [
    `[${incident.severity}] ${incident.title} (${state})`,
    '',
    `What is happening: ${draft.happening.trim() || 'under investigation'}`,
    `Impact: ${draft.impact.trim() || 'being assessed'}`,
    `What we are doing: ${draft.doing.trim() || 'investigating'}`,
  ]
  if (draft.nextUpdateAt !== null) lines.push(`Next update at: ${formatTime(draft.nextUpdateAt)}`)
  return lines.join('\n')
}

/**
 * When the next update is due: the time promised in the last one, else the cadence after
 * it (or after the declaration when none was sent). Null once the incident is closed.
 */
export function nextUpdateDue(
  incident: Pick<Incident, 'severity' | 'status' | 'declaredAt'>,
  updates: readonly StakeholderUpdate[],
  cadence: UpdateCadence,
): number | null {
  if (incident.status !== 'active') return null
  const last = updates.reduce<StakeholderUpdate | null>(
    (latest, u) => (latest === null || u.sentAt >= latest.sentAt ? u : latest),
    null,
  )
  if (last?.nextUpdateAt != null) return last.nextUpdateAt
  return (last?.sentAt ?? incident.declaredAt) + cadence[incident.severity] * 60_000
}

/** "07:12" (or "1:07:12") until the next update; negative when overdue. */
export function countdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
  return h > 0 ? `${h}:${mmss}` : mmss
}

export function recordUpdateSent(
  context: ActContext,
  incident: Incident,
  draft: UpdateDraft,
  text: string,
): RecordChange {
  const update: StakeholderUpdate = {
    id: context.newId(),
    incidentId: incident.id,
    happening: draft.happening.trim(),
    impact: draft.impact.trim(),
    doing: draft.doing.trim(),
    nextUpdateAt: draft.nextUpdateAt,
    text,
    sentAt: context.now,
    sentBy: context.actor,
  }
  const firstLine = update.happening || update.impact || 'update'
  return {
    changes: [{ table: 'stakeholderUpdates', put: [update] }],
    events: [
      event(context, incident.id, {
        kind: 'comms',
        action: 'update.sent',
        summary: `Stakeholder update sent: ${firstLine}`,
        refId: update.id,
      }),
    ],
  }
}
