import './comms.css'
import { useEffect, useState } from 'react'
import { nextUpdateDue } from '../../../shared/closing/stakeholder-updates'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from '../incidents/format-time'
import { CadenceEditor } from './CadenceEditor'
import { UpdateComposer } from './UpdateComposer'
import { UpdateCountdown } from './UpdateCountdown'

/** For the Communication Leader: when the next update is due, and the composer. */
export function StakeholderUpdatesPanel({ record }: { record: IncidentRecord }) {
  const cadence = useAppStore((s) => s.cadence)
  const loadCadence = useAppStore((s) => s.loadCadence)
  const [composing, setComposing] = useState(false)
  const [settings, setSettings] = useState(false)
  useEffect(() => void loadCadence(), [loadCadence])
  const due = nextUpdateDue(record.incident, record.stakeholderUpdates, cadence)
  const last = record.stakeholderUpdates.at(-1)
  return (
    <section className="panel panel-updates" aria-label="Stakeholder updates">
      <header className="panel-header">
        <h2>Stakeholder updates</h2>
        <span className="spacer" />
        <button type="button" aria-expanded={settings} onClick={() => setSettings((s) => !s)}>
          Cadence
        </button>
        {!composing && (
          <button type="button" className="primary" onClick={() => setComposing(true)}>
            Compose update
          </button>
        )}
      </header>
      <div className="panel-body">
        <UpdateCountdown due={due} />
        <p className="muted small">
          {last
            ? `Last sent at ${clockTime(last.sentAt)}${last.sentBy ? ` by ${last.sentBy}` : ''} · ${record.stakeholderUpdates.length} sent`
            : 'No update sent yet.'}
        </p>
        {settings && <CadenceEditor />}
        {composing && <UpdateComposer record={record} onDone={() => setComposing(false)} />}
      </div>
    </section>
  )
}
