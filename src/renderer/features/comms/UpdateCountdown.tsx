import { countdown } from '../../../shared/closing/stakeholder-updates'
import { clockTime } from '../incidents/format-time'
import { useNow } from '../incidents/use-now'

/** "Next update due in 07:12", large; "Update overdue by 01:03" once the time has passed. */
export function UpdateCountdown({ due }: { due: number | null }) {
  const now = useNow(1000)
  if (due === null)
    return <p className="update-countdown muted">No update due: the incident is closed.</p>
  const left = due - now
  const overdue = left < 0
  return (
    <p
      className={`update-countdown${overdue ? ' update-overdue' : ''}`}
      role="timer"
      aria-label="Next stakeholder update"
      data-overdue={overdue}
    >
      {overdue ? 'Update overdue by ' : 'Next update due in '}
      <span className="countdown-figure">{countdown(left)}</span>
      <span className="muted small"> (at {clockTime(due)})</span>
    </p>
  )
}
