import { useState } from 'react'
import type { RosterMember } from '../../../shared/commands/gate-model'
import { useAppStore } from '../../stores/app-store'
import { PersonSelect } from '../commands/PersonSelect'

/**
 * Break-glass: typing straight into the shell, for when the gate is in the way of saving
 * the service. It needs a written reason, turns the terminal red and is recorded.
 */
export function BreakGlassControl({
  roster,
  defaultPersonId,
}: {
  roster: RosterMember[]
  defaultPersonId: string | null
}) {
  const breakGlass = useAppStore((s) => s.gate?.breakGlass ?? null)
  const gateCall = useAppStore((s) => s.gateCall)
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [personId, setPersonId] = useState(defaultPersonId ?? '')
  const who = personId || defaultPersonId || ''

  if (breakGlass) {
    return (
      <div className="banner banner-break-glass" role="alert" aria-label="Break-glass on">
        <strong>BREAK-GLASS: keys go straight to the shell, unapproved.</strong> Started by{' '}
        {breakGlass.name}: “{breakGlass.reason}”
        <button
          type="button"
          onClick={() =>
            void gateCall('gate.endBreakGlass', { personId: who || breakGlass.personId })
          }
        >
          End break-glass
        </button>
      </div>
    )
  }
  if (!open) {
    return (
      <button type="button" className="button-danger-quiet" onClick={() => setOpen(true)}>
        Break glass…
      </button>
    )
  }
  return (
    <form
      className="break-glass-form"
      aria-label="Break-glass"
      onSubmit={(event) => {
        event.preventDefault()
        void gateCall('gate.breakGlass', { personId: who, reason }).then((ok) => {
          if (ok) {
            setOpen(false)
            setReason('')
          }
        })
      }}
    >
      <PersonSelect label="Who" roster={roster} value={who} onChange={setPersonId} />
      <label>
        Reason for direct typing
        <input
          value={reason}
          required
          minLength={5}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          placeholder="e.g. gate cannot run an interactive ssh session"
        />
      </label>
      <button type="submit" className="button-danger" disabled={!who || reason.trim().length < 5}>
        Start break-glass
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  )
}
