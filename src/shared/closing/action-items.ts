/** Action items: what is done after the incident, by whom, by when, delivering what. */
import { event, type ActContext, type RecordChange } from '../incident/change'
import type { ActionItem, ActionStatus, ActionType } from '../incident/model'

export const ACTION_TYPE_LABELS: Record<ActionType, string> = {
  mitigate: 'Mitigate',
  prevent: 'Prevent',
  detect: 'Detect',
  investigate: 'Investigate',
  process: 'Process',
}

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
}

export type ActionItemFields = Pick<
  ActionItem,
  'title' | 'owner' | 'dueAt' | 'deliverable' | 'type' | 'status' | 'ticket'
>

function tidy(fields: ActionItemFields): ActionItemFields {
  return {
    ...fields,
    title: fields.title.trim(),
    owner: fields.owner.trim(),
    deliverable: fields.deliverable.trim(),
    ticket: fields.ticket.trim(),
  }
}

export function addActionItem(
  context: ActContext,
  incidentId: string,
  fields: ActionItemFields,
): RecordChange | null {
  const item: ActionItem = {
    id: context.newId(),
    incidentId,
    createdAt: context.now,
    ...tidy(fields),
  }
  if (!item.title) return null
  const owner = item.owner ? ` (${item.owner})` : ''
  return {
    changes: [{ table: 'actionItems', put: [item] }],
    events: [
      event(context, incidentId, {
        kind: 'action',
        action: 'action.added',
        summary: `Action item: ${item.title}${owner}`,
        refId: item.id,
      }),
    ],
  }
}

export function updateActionItem(
  context: ActContext,
  item: ActionItem,
  fields: Partial<ActionItemFields>,
): RecordChange | null {
  const next: ActionItem = { ...item, ...tidy({ ...item, ...fields }) }
  if (!next.title) return null
  const keys = Object.keys(fields) as (keyof ActionItemFields)[]
  if (keys.every((key) => next[key] === item[key])) return null
  const statusChanged = next.status !== item.status
  return {
    changes: [{ table: 'actionItems', put: [next] }],
    events: [
      event(context, item.incidentId, {
        kind: 'action',
        action: statusChanged ? 'action.status' : 'action.edited',
        summary: statusChanged
          ? `Action item ${ACTION_STATUS_LABELS[next.status].toLowerCase()}: ${next.title}`
          : `Action item edited: ${next.title}`,
        refId: item.id,
      }),
    ],
  }
}

export function removeActionItem(context: ActContext, item: ActionItem): RecordChange {
  return {
    changes: [{ table: 'actionItems', remove: [item.id] }],
    events: [
      event(context, item.incidentId, {
        kind: 'action',
        action: 'action.removed',
        summary: `Action item removed: ${item.title}`,
        refId: item.id,
      }),
    ],
  }
}

/** Past its time box and not done. */
export function isOverdue(item: ActionItem, now: number): boolean {
  return item.status !== 'done' && item.dueAt !== null && item.dueAt < now
}
