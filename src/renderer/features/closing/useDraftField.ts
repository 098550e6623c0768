import { useEffect, useRef, useState } from 'react'
import { createWriteCoalescer, TYPING_SAVE_DELAY_MS } from '../../db/write-coalescer'
import { useAppStore } from '../../stores/app-store'

/**
 * A text field saved as it is typed, the way notes are: shown at once, written at most
 * `delayMs` (plus one commit) behind the last key even while typing goes on, and at once on
 * blur, when the page is hidden and when the field goes away. Text saved elsewhere (an
 * import, another window) shows unless something typed here is not written yet.
 * Until the newest text is written, the save status says "Saving…" (`key` names the field).
 */
export function useDraftField(
  key: string,
  saved: string,
  save: (value: string) => Promise<void>,
  delayMs = TYPING_SAVE_DELAY_MS,
) {
  const [draft, setDraft] = useState(saved)
  /** The newest text typed here until it is written (null: nothing of ours outstanding). */
  const typed = useRef<string | null>(null)
  const saveRef = useRef(save)
  useEffect(() => {
    saveRef.current = save
  })

  const [coalescer] = useState(() =>
    createWriteCoalescer<string>({
      delayMs,
      async write(values) {
        const value = values[values.length - 1]!
        await saveRef.current(value)
        if (typed.current === value) typed.current = null
      },
      // A failed act keeps its change on screen and in the Retry queue (record slice).
      onError: () => {},
      onIdle: () => {
        if (typed.current === null) useAppStore.getState().draftPending(key, false)
      },
    }),
  )

  useEffect(() => {
    if (typed.current === null) setDraft(saved)
  }, [saved])

  useEffect(() => {
    const flush = () => void coalescer.flush().catch(() => {})
    const flushIfHidden = () => {
      if (document.visibilityState === 'hidden') flush()
    }
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', flushIfHidden)
    return () => {
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', flushIfHidden)
      flush()
    }
  }, [coalescer])

  const onChange = (value: string) => {
    setDraft(value)
    typed.current = value
    useAppStore.getState().draftPending(key, true)
    coalescer.schedule(key, value)
  }
  const onBlur = () => void coalescer.flush().catch(() => {})
  return { value: draft, onChange, onBlur }
}
