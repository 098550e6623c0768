import Dexie from 'dexie'
import type {
  ActionItem,
  ChecklistItem,
  Incident,
  Note,
  Person,
  RoleAssignment,
  StakeholderUpdate,
  TimelineEvent,
} from '../../shared/incident/model'
import type { WarRoomDatabase } from './database'

/** Everything the screen shows about one incident. */
export interface IncidentRecord {
  incident: Incident
  checklist: ChecklistItem[]
  people: Person[]
  roles: RoleAssignment[]
  notes: Note[]
  actionItems: ActionItem[]
  stakeholderUpdates: StakeholderUpdate[]
  /** In time order (back-dated events where they belong), ties by insertion. */
  events: TimelineEvent[]
  pinned: Set<number>
}

export async function listIncidents(db: WarRoomDatabase): Promise<Incident[]> {
  const all = await db.incidents.toArray()
  return all.sort((a, b) => b.declaredAt - a.declaredAt)
}

export async function loadIncidentRecord(
  db: WarRoomDatabase,
  incidentId: string,
): Promise<IncidentRecord | null> {
  return db.transaction(
    'r',
    [
      db.incidents,
      db.checklist,
      db.people,
      db.roles,
      db.notes,
      db.actionItems,
      db.stakeholderUpdates,
      db.events,
      db.pins,
    ],
    async () => {
      const incident = await db.incidents.get(incidentId)
      if (!incident) return null
      const [checklist, people, roles, notes, actionItems, updates, events, pins] =
        await Promise.all([
          db.checklist.where('incidentId').equals(incidentId).toArray(),
          db.people.where('incidentId').equals(incidentId).toArray(),
          db.roles.where('incidentId').equals(incidentId).toArray(),
          db.notes.where('incidentId').equals(incidentId).toArray(),
          db.actionItems.where('incidentId').equals(incidentId).toArray(),
          db.stakeholderUpdates.where('incidentId').equals(incidentId).toArray(),
          db.events
            .where('[incidentId+at]')
            .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
            .toArray(),
          db.pins.where('incidentId').equals(incidentId).toArray(),
        ])
      checklist.sort((a, b) => a.order - b.order)
      people.sort((a, b) => a.joinedAt - b.joinedAt)
      notes.sort((a, b) => a.createdAt - b.createdAt)
      actionItems.sort((a, b) => a.createdAt - b.createdAt)
      updates.sort((a, b) => a.sentAt - b.sentAt)
      events.sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0))
      return {
        incident,
        checklist,
        people,
        roles,
        notes,
        actionItems,
        stakeholderUpdates: updates,
        events,
        pinned: new Set(pins.map((p) => p.seq)),
      }
    },
  )
}
