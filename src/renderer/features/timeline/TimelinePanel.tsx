import './timeline.css'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import { EVENT_KINDS, type EventKind } from '../../../shared/incident/model'
import { EVENT_KIND_LABELS, filterTimeline } from '../../../shared/incident/timeline'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from '../incidents/format-time'
import { maskedForScreen } from '../incidents/masked-text'
import { AddEventForm } from './AddEventForm'
import { useFollowLatest } from './use-follow-latest'
import { TIMING_MARKS } from '../../../shared/timing-marks'

/** Performance mark once the timeline first painted its rows (measured by npm run bench). */
export const TIMELINE_PAINTED_MARK = TIMING_MARKS.timelinePainted

/** Every row is one line (long summaries are cut with an ellipsis): no measuring needed. */
const ROW_HEIGHT_PX = 30

export function TimelinePanel({ record }: { record: IncidentRecord }) {
  const togglePin = useAppStore((s) => s.togglePin)
  const [hidden, setHidden] = useState<ReadonlySet<EventKind>>(new Set())
  const [pinnedOnly, setPinnedOnly] = useState(false)
  const scroller = useRef<HTMLDivElement>(null)

  const events = useMemo(() => {
    const kinds = hidden.size ? new Set(EVENT_KINDS.filter((k) => !hidden.has(k))) : null
    return filterTimeline(record.events, { kinds, pinnedOnly }, record.pinned)
  }, [record.events, record.pinned, hidden, pinnedOnly])

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  })
  const { following, onScroll, jumpToLatest } = useFollowLatest(
    scroller,
    virtualizer,
    events.length,
  )

  useEffect(() => {
    // The frame after the first commit is the first one painted with the rows.
    const frame = requestAnimationFrame(() => performance.mark(TIMELINE_PAINTED_MARK))
    return () => cancelAnimationFrame(frame)
  }, [])

  const toggleKind = (kind: EventKind) =>
    setHidden((current) => {
      const next = new Set(current)
      if (next.has(kind)) next.delete(kind)
      else next.add(kind)
      return next
    })

  return (
    <section className="panel panel-timeline" aria-label="Timeline">
      <header className="panel-header">
        <h2>Timeline</h2>
        <span className="muted">{events.length} events</span>
        <div className="filters" role="group" aria-label="Show event kinds">
          {EVENT_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="chip"
              aria-pressed={!hidden.has(kind)}
              onClick={() => toggleKind(kind)}
            >
              {EVENT_KIND_LABELS[kind]}
            </button>
          ))}
          <button
            type="button"
            className="chip"
            aria-pressed={pinnedOnly}
            onClick={() => setPinnedOnly((p) => !p)}
          >
            Pinned only
          </button>
        </div>
      </header>
      <AddEventForm />
      <div
        className="timeline-scroller"
        ref={scroller}
        onScroll={onScroll}
        data-testid="timeline-scroller"
      >
        <ul
          role="list"
          aria-label="Timeline events"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const event = events[row.index]!
            const pinned = event.seq !== undefined && record.pinned.has(event.seq)
            const summary = maskedForScreen(event.summary)
            return (
              <li
                key={event.seq ?? row.index}
                data-index={row.index}
                className={`timeline-row kind-${event.kind} ${pinned ? 'pinned' : ''}`}
                style={{
                  height: ROW_HEIGHT_PX,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${row.start}px)`,
                }}
              >
                <time dateTime={new Date(event.at).toISOString()}>{clockTime(event.at)}</time>
                <span className={`badge kind-${event.kind}`}>{EVENT_KIND_LABELS[event.kind]}</span>
                <span className="timeline-summary">{summary}</span>
                {event.actor && <span className="muted">{event.actor}</span>}
                {event.seq !== undefined && (
                  <button
                    type="button"
                    className="link pin"
                    aria-pressed={pinned}
                    aria-label={`${pinned ? 'Unpin' : 'Pin'}: ${summary}`}
                    onClick={() => void togglePin(event.seq!)}
                  >
                    {pinned ? '★' : '☆'}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      </div>
      {!following && (
        <button type="button" className="chip timeline-latest" onClick={jumpToLatest}>
          Jump to latest
        </button>
      )}
    </section>
  )
}
