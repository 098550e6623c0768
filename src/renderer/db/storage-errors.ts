/** Turns an IndexedDB / Dexie failure into a sentence for the person at the screen. */
export function describeStorageError(error: unknown): string {
  const names = errorNames(error)
  if (names.includes('QuotaExceededError')) {
    return 'Storage is full: the browser refused to save more. Your latest changes are kept on screen; free disk space, then press Retry.'
  }
  if (names.includes('DatabaseClosedError') || names.includes('VersionChangeError')) {
    return 'The database was closed (another window upgraded it). Reload this window; unsaved changes are kept on screen until then.'
  }
  if (names.includes('OpenFailedError') || names.includes('MissingAPIError')) {
    return 'Offline storage (IndexedDB) is unavailable here: nothing can be saved. Changes are kept on screen only.'
  }
  const message = error instanceof Error ? error.message : String(error)
  return `Saving failed: ${message}. Your changes are kept on screen; press Retry.`
}

/** The disk or the browser's quota is full (Dexie wraps it in an AbortError). */
export function isQuotaError(error: unknown): boolean {
  return errorNames(error).includes('QuotaExceededError')
}

/** The error's name and those of the errors it wraps (Dexie wraps the DOMException). */
function errorNames(error: unknown): string[] {
  const names: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const record = current as { name?: unknown; inner?: unknown; cause?: unknown }
    if (typeof record.name === 'string') names.push(record.name)
    current = record.inner ?? record.cause
  }
  return names
}
