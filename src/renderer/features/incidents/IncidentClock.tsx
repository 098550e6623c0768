import { elapsed } from './format-time'
import { useNow } from './use-now'

/** Time since declaration, ticking every second (only this component re-renders). */
export function IncidentClock({ since, until }: { since: number; until: number | null }) {
  const now = useNow(1000, until === null)
  return (
    <span className="incident-clock" role="timer" aria-label="Time since declaration">
      {elapsed((until ?? now) - since)}
    </span>
  )
}
