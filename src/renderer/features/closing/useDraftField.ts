import { useCallback, useEffect, useRef, useState } from 'react'
import { useAppStore } from '../../stores/app-store'

/**
 * A text field saved as it is typed: shown at once, written ~300 ms after the last key, on
 * blur, when the page is hidden and when the field goes away. Text saved elsewhere (an
 * import, another field's act) shows unless the user is in the middle of typing here.
 * Until the write commits, the save status says "Saving…" (`key` names the field).
 */
export function useDraftField(
  key: string,
  saved: string,
  save: (value: string) => Promise<void>,
  delayMs = 300,
) {
  const [draft, setDraft] = useState(saved)
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const saveRef = useRef(save)
  saveRef.current = save

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    const value = pending.current
    if (value === null) return
    pending.current = null
    void saveRef.current(value).finally(() => {
      if (pending.current === null) useAppStore.getState().draftPending(key, false)
    })
  }, [key])

  useEffect(() => {
    if (pending.current === null) setDraft(saved)
  }, [saved])

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  const onChange = (value: string) => {
    setDraft(value)
    pending.current = value
    useAppStore.getState().draftPending(key, true)
    clearTimeout(timer.current)
    timer.current = setTimeout(flush, delayMs)
  }
  return { value: draft, onChange, onBlur: flush }
}
