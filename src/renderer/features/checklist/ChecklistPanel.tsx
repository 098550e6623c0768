import './checklist.css'
import { useState, type FormEvent } from 'react'
import { addItem } from '../../../shared/incident/checklist-acts'
import { changeStage } from '../../../shared/incident/incident-acts'
import { STAGES, type StageDefinition } from '../../../shared/incident/stages'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { ChecklistItemRow } from './ChecklistItemRow'

function StageSection({ stage, record }: { stage: StageDefinition; record: IncidentRecord }) {
  const act = useAppStore((s) => s.act)
  const [draft, setDraft] = useState('')
  const current = record.incident.stage === stage.id
  const items = record.checklist.filter((i) => i.stage === stage.id)
  const done = items.filter((i) => i.checkedAt !== null).length

  const add = (event: FormEvent) => {
    event.preventDefault()
    if (!draft.trim()) return
    void act((c, r) => addItem(c, r.incident.id, stage.id, draft, r.checklist))
    setDraft('')
  }

  return (
    <details
      className={`stage ${current ? 'stage-current' : ''}`}
      open={current}
      aria-label={stage.label}
    >
      <summary>
        <span className="stage-name">{stage.label}</span>
        {current && <span className="badge">current stage</span>}
        <span className="muted">
          {done}/{items.length}
        </span>
      </summary>
      <p className="muted stage-purpose">{stage.purpose}</p>
      {!current && (
        <button
          type="button"
          className="link"
          onClick={() => void act((c, r) => changeStage(c, r.incident, stage.id))}
        >
          Make “{stage.label}” the current stage
        </button>
      )}
      <ul className="checklist">
        {items.map((item) => (
          <ChecklistItemRow key={item.id} item={item} />
        ))}
      </ul>
      <form onSubmit={add} className="add-row">
        <input
          aria-label={`New item for ${stage.label}`}
          placeholder="Add an item…"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Add</button>
      </form>
    </details>
  )
}

export function ChecklistPanel({ record }: { record: IncidentRecord }) {
  return (
    <section className="panel panel-checklist" aria-label="Checklist">
      <header className="panel-header">
        <h2>Checklist</h2>
      </header>
      <div className="panel-body">
        {STAGES.map((stage) => (
          <StageSection key={stage.id} stage={stage} record={record} />
        ))}
      </div>
    </section>
  )
}
