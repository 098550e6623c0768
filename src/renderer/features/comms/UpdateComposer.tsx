import { useState } from 'react'
import {
  composeUpdate,
  recordUpdateSent,
  type UpdateDraft,
} from '../../../shared/closing/stakeholder-updates'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from '../incidents/format-time'
import { maskedForScreen } from '../incidents/masked-text'
import { useNow } from '../incidents/use-now'
import { copyText } from '../postmortem/export-actions'

/** The Communication Leader's template: what is happening, impact, what we do, next update. */
export function UpdateComposer({ record, onDone }: { record: IncidentRecord; onDone(): void }) {
  const act = useAppStore((s) => s.act)
  const cadence = useAppStore((s) => s.cadence)
  const last = record.stakeholderUpdates.at(-1)
  const [happening, setHappening] = useState(last?.happening ?? record.incident.observed)
  const [impact, setImpact] = useState(last?.impact ?? '')
  const [doing, setDoing] = useState(last?.doing ?? '')
  const [nextInMinutes, setNextInMinutes] = useState(String(cadence[record.incident.severity]))
  const [message, setMessage] = useState<string | null>(null)
  const now = useNow(15_000)

  const minutes = Number(nextInMinutes)
  const draft = (now: number): UpdateDraft => ({
    happening,
    impact,
    doing,
    nextUpdateAt: Number.isFinite(minutes) && minutes > 0 ? now + minutes * 60_000 : null,
  })
  // What stakeholders get is what the preview shows: secrets masked.
  const text = maskedForScreen(composeUpdate(record.incident, draft(now), clockTime))

  const copy = async () => setMessage(await copyText(text, 'Update copied to the clipboard.'))
  const send = () => {
    void act((c, r) => {
      const sent = draft(c.now)
      return recordUpdateSent(c, r.incident, sent, composeUpdate(r.incident, sent, clockTime))
    })
    onDone()
  }

  return (
    <form
      className="update-composer"
      aria-label="Compose stakeholder update"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        What is happening
        <textarea rows={2} value={happening} onChange={(e) => setHappening(e.target.value)} />
      </label>
      <label>
        Impact
        <textarea rows={2} value={impact} onChange={(e) => setImpact(e.target.value)} />
      </label>
      <label>
        What we are doing
        <textarea rows={2} value={doing} onChange={(e) => setDoing(e.target.value)} />
      </label>
      <label className="inline-field">
        Next update in (minutes)
        <input
          type="number"
          min={0}
          max={1440}
          value={nextInMinutes}
          onChange={(e) => setNextInMinutes(e.target.value)}
        />
      </label>
      <pre className="update-preview" aria-label="Update preview">
        {text}
      </pre>
      <div className="row-actions">
        <button type="button" onClick={() => void copy()}>
          Copy to clipboard
        </button>
        <button type="button" className="primary" onClick={send}>
          Record as sent
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {message && (
        <p className="muted small" role="status">
          {message}
        </p>
      )}
    </form>
  )
}
