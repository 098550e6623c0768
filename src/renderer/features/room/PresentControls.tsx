import { useEffect } from 'react'
import { useAppStore } from '../../stores/app-store'

/** Alt+P turns the window into the room's view and back. */
export const PRESENT_SHORTCUT = 'Alt+P'

/**
 * Present (the window becomes what a room should see) and a room view of its own, to share
 * on the call while the leader keeps working in this window.
 */
export function PresentControls() {
  const presenting = useAppStore((s) => s.presenting)
  const setPresenting = useAppStore((s) => s.setPresenting)
  const host = useAppStore((s) => s.host)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP') {
        event.preventDefault()
        useAppStore.getState().setPresenting(!useAppStore.getState().presenting)
      }
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [])

  const openRoomView = () => {
    // Electron opens a window of its own (same security settings); a browser opens a popup.
    void host?.['window.openRoomView']({}).catch(() => {
      window.open('/?view=room', 'war-room-room-view', 'popup,width=1280,height=720')
    })
  }

  return (
    <div className="present-controls">
      <button
        type="button"
        aria-pressed={presenting}
        aria-keyshortcuts={PRESENT_SHORTCUT}
        title={`${presenting ? 'Back to the working view' : 'Show what the room should see'} (${PRESENT_SHORTCUT})`}
        onClick={() => setPresenting(!presenting)}
      >
        Present
      </button>
      <button type="button" onClick={openRoomView}>
        Open room view in a new window
      </button>
    </div>
  )
}
