import { useState } from 'react'
import { clearMitigated, markMitigated } from '../../../shared/closing/closing-acts'
import { formatSpan, incidentMetrics, type Metric } from '../../../shared/closing/metrics'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { dateTime, fromLocalInput, toLocalInput } from '../incidents/format-time'
import { useNow } from '../incidents/use-now'

function Figure({ label, metric }: { label: string; metric: Metric }) {
  return (
    <div className="metric" role="group" aria-label={label}>
      <span className="metric-label">{label}</span>
      <span className="metric-value">{formatSpan(metric.ms)}</span>
      <span className="metric-basis muted small">{metric.basis}</span>
    </div>
  )
}

/** Time to declare, mitigate and resolve, computed from the record as it stands. */
/** When the impact was mitigated: set (back-dated if need be) or cleared. */
function MitigationControl({ mitigatedAt }: { mitigatedAt: number | null }) {
  const act = useAppStore((s) => s.act)
  const now = useNow(60_000)
  const [at, setAt] = useState(() => toLocalInput(now))
  if (mitigatedAt !== null) {
    return (
      <>
        <span className="muted small">Mitigated {dateTime(mitigatedAt)}</span>
        <button type="button" onClick={() => void act((c, r) => clearMitigated(c, r.incident))}>
          Clear mitigation
        </button>
      </>
    )
  }
  const when = fromLocalInput(at)
  // A mitigation is in the past: a time ahead of the clock is a typo.
  const valid = when !== null && when <= now + 60_000
  return (
    <>
      <label className="inline-field">
        Mitigated at
        <input
          type="datetime-local"
          value={at}
          max={toLocalInput(now + 60_000)}
          aria-invalid={!valid}
          onChange={(e) => setAt(e.target.value)}
        />
      </label>
      <button
        type="button"
        disabled={!valid}
        onClick={() => valid && void act((c, r) => markMitigated(c, r.incident, when))}
      >
        Set mitigation time
      </button>
    </>
  )
}

export function MetricsPanel({ record }: { record: IncidentRecord }) {
  const metrics = incidentMetrics(record.incident, record.checklist)
  return (
    <section className="panel panel-metrics" aria-label="Metrics">
      <header className="panel-header panel-header-wrap">
        <h2>Metrics</h2>
        <span className="spacer" />
        <MitigationControl mitigatedAt={record.incident.mitigatedAt ?? null} />
      </header>
      <div className="metrics">
        <Figure label="Time to declare" metric={metrics.timeToDeclare} />
        <Figure label="Time to mitigate" metric={metrics.timeToMitigate} />
        <Figure label="Time to resolve" metric={metrics.timeToResolve} />
      </div>
    </section>
  )
}
