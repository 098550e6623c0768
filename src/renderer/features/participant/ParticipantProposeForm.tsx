import { useState, type ClipboardEvent } from 'react'
import { MAX_COMMAND_CHARS } from '../../../shared/contract-limits'
import { useAppStore } from '../../stores/app-store'
import { pasteIntoBox } from '../commands/paste-into-box'

/** An expert proposes a command in their own name, from their own device. */
export function ParticipantProposeForm() {
  const gateCall = useAppStore((s) => s.gateCall)
  const [text, setText] = useState('')
  const [notice, setNotice] = useState<string | null>(null)

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = pasteIntoBox(event, text)
    if (!pasted) return
    setText(pasted.text)
    setNotice(pasted.notice)
  }

  return (
    <form
      className="propose-form"
      aria-label="Propose a command"
      onSubmit={(event) => {
        event.preventDefault()
        void gateCall('gate.propose', { text }).then((ok) => {
          if (ok) {
            setText('')
            setNotice(null)
          }
        })
      }}
    >
      <label htmlFor="participant-proposal">Command to propose</label>
      <textarea
        id="participant-proposal"
        className="proposal-input"
        value={text}
        maxLength={MAX_COMMAND_CHARS}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onPaste={onPaste}
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={!text.trim()}>
        Propose
      </button>
    </form>
  )
}
