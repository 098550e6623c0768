import { useState } from 'react'
import type { StopGapTemplate } from '../../../shared/commands/stop-gap-templates'

const TOOLS: StopGapTemplate['tool'][] = ['kubectl', 'systemd', 'docker', 'other']

/** Adds or changes one of the user's own templates ({{name}} marks a parameter). */
export function TemplateEditor({
  template,
  onSave,
  onCancel,
}: {
  template: StopGapTemplate
  onSave(template: StopGapTemplate): void
  onCancel(): void
}) {
  const [draft, setDraft] = useState(template)
  return (
    <div className="template-editor" role="group" aria-label="Template editor">
      <label>
        Template title
        <input
          value={draft.title}
          maxLength={120}
          onChange={(event) => setDraft({ ...draft, title: event.target.value })}
        />
      </label>
      <label>
        Tool
        <select
          value={draft.tool}
          onChange={(event) =>
            setDraft({ ...draft, tool: event.target.value as StopGapTemplate['tool'] })
          }
        >
          {TOOLS.map((tool) => (
            <option key={tool}>{tool}</option>
          ))}
        </select>
      </label>
      <label>
        Template command
        <input
          value={draft.command}
          maxLength={2000}
          spellCheck={false}
          placeholder="systemctl restart {{service}}"
          onChange={(event) => setDraft({ ...draft, command: event.target.value })}
        />
      </label>
      <button
        type="button"
        disabled={!draft.title.trim() || !draft.command.trim()}
        onClick={() => onSave(draft)}
      >
        Save template
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
