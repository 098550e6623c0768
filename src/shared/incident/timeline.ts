import type { EventKind, TimelineEvent } from './model'

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  incident: 'Incident',
  stage: 'Stage',
  checklist: 'Checklist',
  role: 'Roles',
  person: 'People',
  note: 'Notes',
  manual: 'Added',
  command: 'Commands',
  comms: 'Updates',
  action: 'Action items',
}

/** Time order; events written at the same instant keep the order they were written in. */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0)
}

/** Inserts newly stored events into an already sorted timeline. */
export function insertEvents(
  sorted: readonly TimelineEvent[],
  added: readonly TimelineEvent[],
): TimelineEvent[] {
  if (added.length === 0) return sorted as TimelineEvent[]
  const last = sorted[sorted.length - 1]
  const inOrder = added.every((e, i) => i === 0 || compareEvents(added[i - 1]!, e) <= 0)
  if (inOrder && (!last || compareEvents(last, added[0]!) <= 0)) return [...sorted, ...added]
  return [...sorted, ...added].sort(compareEvents)
}

export interface TimelineFilter {
  kinds: ReadonlySet<EventKind> | null
  pinnedOnly: boolean
}

export function filterTimeline(
  events: readonly TimelineEvent[],
  filter: TimelineFilter,
  pinned: ReadonlySet<number>,
): TimelineEvent[] {
  return events.filter(
    (e) =>
      (!filter.kinds || filter.kinds.has(e.kind)) &&
      (!filter.pinnedOnly || (e.seq !== undefined && pinned.has(e.seq))),
  )
}
