import { event, type ActContext, type RecordChange } from './change'
import type { ChecklistItem, StageId } from './model'
import { stageLabel } from './stages'

export function tickItem(context: ActContext, item: ChecklistItem): RecordChange {
  const ticked = { ...item, checkedAt: context.now, checkedBy: context.actor }
  return {
    changes: [{ table: 'checklist', put: [ticked] }],
    events: [
      event(context, item.incidentId, {
        kind: 'checklist',
        action: 'checklist.ticked',
        summary: `Done: ${item.text}`,
        refId: item.id,
      }),
    ],
  }
}

export function untickItem(context: ActContext, item: ChecklistItem): RecordChange {
  return {
    changes: [{ table: 'checklist', put: [{ ...item, checkedAt: null, checkedBy: null }] }],
    events: [
      event(context, item.incidentId, {
        kind: 'checklist',
        action: 'checklist.unticked',
        summary: `Not done after all: ${item.text}`,
        refId: item.id,
      }),
    ],
  }
}

export function addItem(
  context: ActContext,
  incidentId: string,
  stage: StageId,
  text: string,
  existing: readonly ChecklistItem[],
): RecordChange {
  const last = Math.max(0, ...existing.filter((i) => i.stage === stage).map((i) => i.order))
  const item: ChecklistItem = {
    id: context.newId(),
    incidentId,
    stage,
    text: text.trim(),
    order: last + 1000,
    checkedAt: null,
    checkedBy: null,
  }
  return {
    changes: [{ table: 'checklist', put: [item] }],
    events: [
      event(context, incidentId, {
        kind: 'checklist',
        action: 'checklist.added',
        summary: `Added to ${stageLabel(stage)}: ${item.text}`,
        refId: item.id,
      }),
    ],
  }
}

export function editItem(
  context: ActContext,
  item: ChecklistItem,
  text: string,
): RecordChange | null {
  const next = text.trim()
  if (!next || next === item.text) return null
  return {
    changes: [{ table: 'checklist', put: [{ ...item, text: next }] }],
    events: [
      event(context, item.incidentId, {
        kind: 'checklist',
        action: 'checklist.edited',
        summary: `Checklist item reworded: "${item.text}" → "${next}"`,
        refId: item.id,
      }),
    ],
  }
}

export function removeItem(context: ActContext, item: ChecklistItem): RecordChange {
  return {
    changes: [{ table: 'checklist', remove: [item.id] }],
    events: [
      event(context, item.incidentId, {
        kind: 'checklist',
        action: 'checklist.removed',
        summary: `Removed from checklist: ${item.text}`,
        refId: item.id,
      }),
    ],
  }
}
