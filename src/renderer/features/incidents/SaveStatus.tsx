import './incidents.css'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from './format-time'

/** "Saved" only once IndexedDB committed; "Saving…" while anything is in flight. */
export function SaveStatus() {
  const pendingWrites = useAppStore((s) => s.pendingWrites)
  const typingSaving = useAppStore(
    (s) =>
      Object.values(s.typing).some((t) => t === 'saving') ||
      Object.keys(s.pendingDrafts).length > 0,
  )
  const failed = useAppStore(
    (s) => s.unsaved.length > 0 || Object.values(s.typing).includes('failed'),
  )
  const lastSavedAt = useAppStore((s) => s.lastSavedAt)
  const text = failed
    ? 'Not saved'
    : pendingWrites > 0 || typingSaving
      ? 'Saving…'
      : lastSavedAt
        ? `All changes saved ${clockTime(lastSavedAt)}`
        : 'All changes saved'
  return (
    <span
      className={`save-status ${failed ? 'save-failed' : ''}`}
      role="status"
      aria-label="Save status"
    >
      {text}
    </span>
  )
}

export function StorageErrorBanner() {
  const storageError = useAppStore((s) => s.storageError)
  const unsavedCount = useAppStore(
    (s) => s.unsaved.length + Object.values(s.typing).filter((t) => t === 'failed').length,
  )
  const retryUnsaved = useAppStore((s) => s.retryUnsaved)
  const retryTyping = useAppStore((s) => s.retryTyping)
  const retry = async () => {
    await retryTyping()
    await retryUnsaved()
  }
  if (!storageError) return null
  return (
    <div className="banner banner-error" role="alert">
      {storageError}
      {unsavedCount > 0 && (
        <>
          {' '}
          ({unsavedCount} change{unsavedCount === 1 ? '' : 's'} waiting){' '}
          <button type="button" onClick={() => void retry()}>
            Retry saving
          </button>
        </>
      )}
    </div>
  )
}
