import './closing.css'
import type { IncidentRecord } from '../../db/record-reader'
import { PostmortemPanel } from '../postmortem/PostmortemPanel'
import { ActionItemsPanel } from './ActionItemsPanel'
import { ClosingReportForm } from './ClosingReportForm'
import { MetricsPanel } from './MetricsPanel'

/**
 * The closing view: report | metrics and action items | postmortem. Loaded on first use
 * (it is not needed to start responding, and keeps the critical path small).
 */
export default function ClosingWorkspace({ record }: { record: IncidentRecord }) {
  return (
    <main className="workspace closing-workspace">
      <ClosingReportForm key={record.incident.id} record={record} />
      <div className="column-center closing-center">
        <MetricsPanel record={record} />
        <ActionItemsPanel record={record} />
      </div>
      <PostmortemPanel record={record} />
    </main>
  )
}
