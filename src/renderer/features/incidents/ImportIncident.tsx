import { useState, type ChangeEvent } from 'react'
import type { ChainVerdict } from '../../../shared/commands/hash-chain'
import { asImportedCopy } from '../../../shared/export/import-copy'
import { parseIncidentFile, type ImportedIncident } from '../../../shared/export/incident-file'
import { LIMITS } from '../../../shared/export/incident-file-schema'
import { isQuotaError } from '../../db/storage-errors'
import { useAppStore } from '../../stores/app-store'

function describeVerdict(verdict: ChainVerdict): string {
  return verdict.intact
    ? `command log verified (${verdict.length} entries, hash chain intact)`
    : `WARNING: its command log was altered (hash chain broken at entry ${verdict.brokenAt + 1}, ${verdict.reason})`
}

/** Imports one incident from a JSON backup; a bad file is refused and changes nothing. */
export function ImportIncident() {
  const hasIncident = useAppStore((s) => s.hasIncident)
  const importIncident = useAppStore((s) => s.importIncident)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [conflict, setConflict] = useState<ImportedIncident | null>(null)

  const write = async (imported: ImportedIncident) => {
    try {
      await importIncident(imported)
      setDone(
        `Imported “${imported.snapshot.incident.title}”: ${describeVerdict(imported.verdict)}.`,
      )
    } catch (failure) {
      const reason = isQuotaError(failure)
        ? 'storage is full; free disk space and import again'
        : failure instanceof Error
          ? failure.message
          : String(failure)
      setError(`Import failed, nothing was changed: ${reason}.`)
    }
  }

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    setError(null)
    setDone(null)
    setConflict(null)
    if (!file) return
    if (file.size > LIMITS.fileChars) {
      setError(`Import failed: ${file.name} is too large (${Math.round(file.size / 1e6)} MB).`)
      return
    }
    const result = parseIncidentFile(await file.text())
    if (!result.ok) {
      setError(`Import failed, nothing was changed: ${result.error}`)
      return
    }
    if (await hasIncident(result.value.snapshot.incident.id)) setConflict(result.value)
    else await write(result.value)
  }

  return (
    <div className="import-incident">
      <label className="file-button">
        Import incident (JSON)
        <input type="file" accept=".json,application/json" onChange={(e) => void choose(e)} />
      </label>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {conflict && (
        <div className="notice" role="dialog" aria-label="Incident already here">
          <p>
            “{conflict.snapshot.incident.title}” is already here. Keep both (the file is imported as
            a copy), or cancel?
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                setConflict(null)
                void write(asImportedCopy(conflict, () => crypto.randomUUID()))
              }}
            >
              Keep both
            </button>
            <button type="button" onClick={() => setConflict(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
