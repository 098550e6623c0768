import { commandLine } from '../../../shared/commands/command-log'
import { useAppStore } from '../../stores/app-store'

/** Says why typed keys did not reach the shell, and offers them as a proposal. */
export function RefusedTypingNotice() {
  const refused = useAppStore((s) => s.refusedTyping)
  const dismiss = useAppStore((s) => s.dismissRefusedTyping)
  const setDraft = useAppStore((s) => s.setProposalDraft)
  if (!refused) return null
  return (
    <div className="notice notice-refused" role="alert" aria-label="Typing refused">
      <span>
        Not sent to the shell: {refused.reason}.
        {refused.text ? (
          <>
            {' '}
            Typed: <code>{commandLine(refused.text)}</code>
          </>
        ) : null}
      </span>
      {refused.text && (
        <button
          type="button"
          onClick={() => {
            setDraft(refused.text)
            dismiss()
            document.getElementById('proposal-text')?.focus()
          }}
        >
          Propose this
        </button>
      )}
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  )
}
