import { markMitigated } from '../../../shared/closing/closing-acts'
import { formatSpan, incidentMetrics, type Metric } from '../../../shared/closing/metrics'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'

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
export function MetricsPanel({ record }: { record: IncidentRecord }) {
  const act = useAppStore((s) => s.act)
  const metrics = incidentMetrics(record.incident, record.checklist)
  return (
    <section className="panel panel-metrics" aria-label="Metrics">
      <header className="panel-header">
        <h2>Metrics</h2>
        <span className="spacer" />
        {record.incident.mitigatedAt == null && (
          <button type="button" onClick={() => void act((c, r) => markMitigated(c, r.incident))}>
            Mark mitigated now
          </button>
        )}
      </header>
      <div className="metrics">
        <Figure label="Time to declare" metric={metrics.timeToDeclare} />
        <Figure label="Time to mitigate" metric={metrics.timeToMitigate} />
        <Figure label="Time to resolve" metric={metrics.timeToResolve} />
      </div>
    </section>
  )
}
