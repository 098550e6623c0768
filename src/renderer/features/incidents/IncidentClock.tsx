import { useEffect, useState } from 'react'
import { elapsed } from './format-time'

/** Time since declaration, ticking every second (only this component re-renders). */
export function IncidentClock({ since, until }: { since: number; until: number | null }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until !== null) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [until])
  return (
    <span className="incident-clock" role="timer" aria-label="Time since declaration">
      {elapsed((until ?? now) - since)}
    </span>
  )
}
