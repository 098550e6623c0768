import type { CommandLogRow } from '../commands/command-log'
import type {
  ActionItem,
  ChecklistItem,
  Incident,
  Note,
  Person,
  RoleAssignment,
  StakeholderUpdate,
  TimelineEvent,
} from '../incident/model'

/** Everything a postmortem (or a JSON backup) is made from: one incident's whole record. */
export interface IncidentSnapshot {
  incident: Incident
  people: Person[]
  roles: RoleAssignment[]
  checklist: ChecklistItem[]
  notes: Note[]
  /** In time order. */
  events: TimelineEvent[]
  actionItems: ActionItem[]
  stakeholderUpdates: StakeholderUpdate[]
  /** In chain order. */
  commandLog: CommandLogRow[]
}

/** "2026-11-25 13:05:12" in UTC: postmortems are read across time zones. */
export function utc(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ')
}

export function utcDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10)
}
