import {
  closingReport,
  editClosingReport,
  REPORT_STATUS_LABELS,
} from '../../../shared/closing/closing-acts'
import {
  REPORT_STATUSES,
  type ClosingReport,
  type ReportStatus,
} from '../../../shared/incident/model'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { useDraftField } from './useDraftField'

type TextField = Exclude<keyof ClosingReport, 'status'>

const FIELDS: { key: TextField; label: string; hint: string; rows: number }[] = [
  { key: 'summary', label: 'Summary', hint: 'What happened, in two or three sentences', rows: 3 },
  {
    key: 'impact',
    label: 'Impact',
    hint: 'Who and what was affected, for how long; numbers where known',
    rows: 3,
  },
  { key: 'detection', label: 'Detection', hint: 'How and when we found out', rows: 2 },
  { key: 'trigger', label: 'Trigger', hint: 'What set it off', rows: 2 },
  {
    key: 'rootCauses',
    label: 'Root causes and contributing factors',
    hint: 'Conditions, not people',
    rows: 3,
  },
  {
    key: 'resolution',
    label: 'Resolution',
    hint: 'What stopped the impact, and the lasting fix',
    rows: 2,
  },
  { key: 'wentWell', label: 'What went well', hint: 'One lesson per line', rows: 3 },
  { key: 'wentWrong', label: 'What went wrong', hint: 'One lesson per line', rows: 3 },
  { key: 'gotLucky', label: 'Where we got lucky', hint: 'One lesson per line', rows: 2 },
]

function ReportField({ field, saved }: { field: (typeof FIELDS)[number]; saved: string }) {
  const act = useAppStore((s) => s.act)
  const draft = useDraftField(`closing.${field.key}`, saved, (value) =>
    act((c, r) => editClosingReport(c, r.incident, { [field.key]: value })),
  )
  return (
    <label>
      {field.label}
      <textarea
        rows={field.rows}
        placeholder={field.hint}
        value={draft.value}
        onChange={(e) => draft.onChange(e.target.value)}
        onBlur={draft.onBlur}
      />
    </label>
  )
}

export function ClosingReportForm({ record }: { record: IncidentRecord }) {
  const act = useAppStore((s) => s.act)
  const report = closingReport(record.incident)
  const authors = useDraftField('closing.authors', report.authors, (value) =>
    act((c, r) => editClosingReport(c, r.incident, { authors: value })),
  )
  return (
    <section className="panel panel-closing" aria-label="Closing report">
      <header className="panel-header">
        <h2>Closing report</h2>
        <label className="inline-field">
          Postmortem status
          <select
            value={report.status}
            onChange={(e) =>
              void act((c, r) =>
                editClosingReport(c, r.incident, { status: e.target.value as ReportStatus }),
              )
            }
          >
            {REPORT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {REPORT_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="panel-body closing-form">
        <label>
          Authors
          <input
            placeholder="Who wrote this postmortem"
            value={authors.value}
            onChange={(e) => authors.onChange(e.target.value)}
            onBlur={authors.onBlur}
          />
        </label>
        {FIELDS.map((field) => (
          <ReportField key={field.key} field={field} saved={report[field.key]} />
        ))}
      </div>
    </section>
  )
}
