import { useEffect, useState } from 'react'
import {
  BUILT_IN_TEMPLATES,
  fillTemplate,
  missingParameters,
  templateParameters,
  type StopGapTemplate,
} from '../../../shared/commands/stop-gap-templates'
import { useAppStore } from '../../stores/app-store'
import { TemplateEditor } from './TemplateEditor'

/** Stop-gap templates: pick one, fill its parameters, and it lands in the proposal box. */
export function StopGapPicker({ onFill }: { onFill(text: string): void }) {
  const db = useAppStore((s) => s.db)
  const custom = useAppStore((s) => s.customTemplates)
  const saveCustom = useAppStore((s) => s.saveTemplates)
  const [selectedId, setSelectedId] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
  const [editing, setEditing] = useState<StopGapTemplate | null>(null)

  useEffect(() => {
    if (db) void useAppStore.getState().loadTemplates()
  }, [db])

  const all = [...BUILT_IN_TEMPLATES, ...custom]
  const selected = all.find((t) => t.id === selectedId)
  const missing = selected ? missingParameters(selected.command, values) : []

  return (
    <fieldset className="stop-gap">
      <legend>Stop-gap templates</legend>
      <label>
        Stop-gap template
        <select
          value={selectedId}
          onChange={(event) => {
            setSelectedId(event.target.value)
            setValues({})
          }}
        >
          <option value="">Choose…</option>
          {all.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title} ({t.tool}){t.builtIn ? '' : ' · mine'}
            </option>
          ))}
        </select>
      </label>
      {selected && (
        <div className="template-fill">
          <code className="template-command">{selected.command}</code>
          {templateParameters(selected.command).map((name) => (
            <label key={name}>
              {name}
              <input
                value={values[name] ?? ''}
                onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              />
            </label>
          ))}
          <button
            type="button"
            disabled={missing.length > 0}
            title={missing.length ? `Fill in ${missing.join(', ')}` : undefined}
            onClick={() => onFill(fillTemplate(selected.command, values))}
          >
            Fill proposal box
          </button>
          <button type="button" onClick={() => setEditing({ ...selected, id: '', builtIn: false })}>
            {selected.builtIn ? 'Copy and edit' : 'Edit'}
          </button>
          {!selected.builtIn && (
            <button
              type="button"
              onClick={() => {
                setSelectedId('')
                void saveCustom(custom.filter((t) => t.id !== selected.id))
              }}
            >
              Delete template
            </button>
          )}
        </div>
      )}
      {!editing && (
        <button
          type="button"
          onClick={() =>
            setEditing({ id: '', title: '', tool: 'other', command: '', builtIn: false })
          }
        >
          New template
        </button>
      )}
      {editing && (
        <TemplateEditor
          template={editing}
          onCancel={() => setEditing(null)}
          onSave={(template) => {
            const id = template.id || crypto.randomUUID()
            const saved = { ...template, id, builtIn: false }
            void saveCustom([...custom.filter((t) => t.id !== id), saved])
            setSelectedId(id)
            setEditing(null)
          }}
        />
      )}
    </fieldset>
  )
}
