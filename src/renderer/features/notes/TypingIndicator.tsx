import { useAppStore } from '../../stores/app-store'

const labels = { saving: 'Saving…', saved: 'Saved', failed: 'Not saved' } as const

export function TypingIndicator({ noteId }: { noteId: string }) {
  const state = useAppStore((s) => s.typing[noteId])
  if (!state) return null
  return (
    <span className={`typing-state typing-${state}`} role="status" aria-label="Note save state">
      {labels[state]}
    </span>
  )
}
