import { useState, type ChangeEvent } from 'react'
import type { ChainVerdict } from '../../../shared/commands/hash-chain'
import type { ImportedIncident } from '../../../shared/export/incident-file'
import { isQuotaError } from '../../db/storage-errors'
import { useAppStore } from '../../stores/app-store'
import { TIMING_MARKS } from '../../../shared/timing-marks'

/** Performance marks around one import (read, checked, verified, written; npm run bench). */
export const IMPORT_START_MARK = TIMING_MARKS.importStart
export const IMPORT_DONE_MARK = TIMING_MARKS.importDone
/** The file read, checked and verified, about to be written. */
export const IMPORT_CHECKED_MARK = TIMING_MARKS.importChecked

function describeVerdict(verdict: ChainVerdict): string {
  return verdict.intact
    ? `command log verified (${verdict.length} entries, hash chain intact)`
    : `WARNING: its command log was altered (hash chain broken at entry ${verdict.brokenAt + 1}, ${verdict.reason})`
}

/** The file format's checks and copying, loaded when a file is chosen (not at start-up). */
const importTools = () =>
  Promise.all([
    import('../../../shared/export/incident-file'),
    import('../../../shared/export/import-copy'),
    import('../../../shared/export/incident-file-schema'),
  ]).then(([file, copy, schema]) => ({
    parseIncidentFile: file.parseIncidentFile,
    asImportedCopy: copy.asImportedCopy,
    maxChars: schema.LIMITS.fileChars,
  }))

function reasonOf(failure: unknown): string {
  if (isQuotaError(failure)) return 'storage is full; free disk space and import again'
  return failure instanceof Error ? failure.message : String(failure)
}

/** Imports one incident from a JSON backup; a bad file is refused and changes nothing. */
export function ImportIncident() {
  const importClash = useAppStore((s) => s.importClash)
  const importIncident = useAppStore((s) => s.importIncident)
  const ready = useAppStore((s) => s.storeStatus === 'ready')
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [conflict, setConflict] = useState<ImportedIncident | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const write = async (imported: ImportedIncident) => {
    setBusy(`Importing “${imported.snapshot.incident.title}”…`)
    try {
      await importIncident(imported)
      performance.mark(IMPORT_DONE_MARK)
      setDone(
        `Imported “${imported.snapshot.incident.title}”: ${describeVerdict(imported.verdict)}.`,
      )
    } catch (failure) {
      setError(`Import failed, nothing was changed: ${reasonOf(failure)}.`)
    } finally {
      setBusy(null)
    }
  }

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    setError(null)
    setDone(null)
    setConflict(null)
    if (!file) return
    performance.mark(IMPORT_START_MARK)
    setBusy(`Checking ${file.name}…`)
    try {
      const { parseIncidentFile, asImportedCopy, maxChars } = await importTools()
      if (file.size > maxChars) {
        setError(`Import failed: ${file.name} is too large (${Math.round(file.size / 1e6)} MB).`)
        return
      }
      const result = await parseIncidentFile(await file.text())
      if (!result.ok) {
        setError(`Import failed, nothing was changed: ${result.error}`)
        return
      }
      performance.mark(IMPORT_CHECKED_MARK)
      const clash = await importClash(result.value)
      if (clash === 'incident') setConflict(result.value)
      else if (clash === 'rows')
        await write(asImportedCopy(result.value, () => crypto.randomUUID(), ''))
      else await write(result.value)
    } catch (failure) {
      // The file could not be read, or the record could not be asked: nothing was written.
      setError(`Import failed, nothing was changed: ${reasonOf(failure)}.`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="import-incident">
      <label className="file-button">
        Import incident (JSON)
        <input
          type="file"
          accept=".json,application/json"
          disabled={!ready || busy !== null}
          onChange={(e) => void choose(e)}
        />
      </label>
      {busy && (
        <p className="notice" role="status">
          {busy}
        </p>
      )}
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
                void importTools().then(({ asImportedCopy }) =>
                  write(asImportedCopy(conflict, () => crypto.randomUUID())),
                )
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
