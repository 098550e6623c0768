import './postmortem.css'
import { useState } from 'react'
import {
  POSTMORTEM_PRESETS,
  PRESET_LABELS,
  postmortemFileName,
  type PostmortemPreset,
} from '../../../shared/postmortem/render-postmortem'
import { serializeIncidentFile, toIncidentFile } from '../../../shared/export/incident-file'
import type { IncidentRecord } from '../../../shared/incident/model'
import { useAppStore } from '../../stores/app-store'
import { copyText, saveExport } from './export-actions'
import { MarkdownPreview } from './MarkdownPreview'
import { usePostmortem } from './usePostmortem'

export function PostmortemPanel({ record }: { record: IncidentRecord }) {
  const host = useAppStore((s) => s.host)
  const appInfo = useAppStore((s) => s.appInfo)
  const readStoredRecord = useAppStore((s) => s.readStoredRecord)
  const [preset, setPreset] = useState<PostmortemPreset>('google-sre')
  const [showSource, setShowSource] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const { state, error } = usePostmortem(record, preset)
  const desktop = appInfo?.shell === 'electron'

  const run = async (what: () => Promise<string>) => {
    try {
      setMessage(await what())
    } catch (failure) {
      setMessage(`Export failed: ${failure instanceof Error ? failure.message : String(failure)}`)
    }
  }
  const saveMarkdown = () =>
    state &&
    run(() =>
      saveExport(host, appInfo, postmortemFileName(state.record), state.markdown, 'markdown'),
    )
  // The backup is the record as stored (read back whole), not what the preview was made of.
  const saveJson = () =>
    run(async () => {
      const stored = await readStoredRecord(record.incident.id)
      const file = toIncidentFile(stored, {
        now: Date.now(),
        exportedBy: `War Room ${appInfo?.version ?? ''}`.trim(),
      })
      const name = postmortemFileName(stored, 'json').replace(/^postmortem-/, 'incident-')
      return saveExport(host, appInfo, name, serializeIncidentFile(file), 'json')
    })

  return (
    <section className="panel panel-postmortem" aria-label="Postmortem">
      <header className="panel-header panel-header-wrap">
        <h2>Postmortem</h2>
        <label className="inline-field">
          Template
          <select value={preset} onChange={(e) => setPreset(e.target.value as PostmortemPreset)}>
            {POSTMORTEM_PRESETS.map((p) => (
              <option key={p} value={p}>
                {PRESET_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={showSource}
            onChange={(e) => setShowSource(e.target.checked)}
          />
          Show Markdown
        </label>
      </header>
      <div className="export-actions row-actions">
        <button
          type="button"
          className="primary"
          disabled={!state}
          onClick={() => void saveMarkdown()}
        >
          {desktop ? 'Save Markdown…' : 'Download Markdown'}
        </button>
        <button
          type="button"
          disabled={!state}
          onClick={() =>
            state && void run(() => copyText(state.markdown, 'Postmortem copied to the clipboard.'))
          }
        >
          Copy Markdown
        </button>
        <button type="button" onClick={() => void saveJson()}>
          {desktop ? 'Save JSON backup…' : 'Export JSON backup'}
        </button>
        {state && (
          <span
            className={`small ${state.verdict.intact ? 'muted' : 'verdict-broken'}`}
            role="note"
          >
            {state.verdict.intact
              ? `Command log verified: ${state.verdict.length} ${state.verdict.length === 1 ? 'entry' : 'entries'}, chain intact`
              : `Command log altered: chain broken at entry ${state.verdict.brokenAt + 1}`}
          </span>
        )}
      </div>
      {message && (
        <p className="export-message small" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {/* Focusable: a keyboard can scroll the preview (it has no links or fields of its own). */}
      <div className="panel-body" tabIndex={0} role="group" aria-label="Postmortem preview">
        {!state ? (
          <p className="placeholder">Preparing the postmortem…</p>
        ) : showSource ? (
          <pre className="markdown-source" aria-label="Postmortem Markdown">
            {state.markdown}
          </pre>
        ) : (
          <MarkdownPreview markdown={state.markdown} />
        )}
      </div>
    </section>
  )
}
