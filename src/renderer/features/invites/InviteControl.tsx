import { useState } from 'react'
import type { ParticipantMode, PresenceEntry } from '../../../shared/access'
import type { Invite } from '../../../shared/contract'
import { useAppStore } from '../../stores/app-store'
import { InviteLink } from './InviteLink'
import { PresenceLine } from './PresenceLine'

/**
 * Invite next to a person on the role board: a personal link for them, as an observer
 * (watch the terminal and the pending commands) or an expert (also propose, approve and
 * reject, in their own name, from their own device, once the leader has typed back the code
 * their page shows). Revocable; it ends with the incident.
 */
export function InviteControl({
  incidentId,
  personId,
  name,
  invites,
  presence,
  onChanged,
}: {
  incidentId: string
  personId: string
  name: string
  invites: Invite[]
  presence: PresenceEntry[]
  onChanged(): void
}) {
  const host = useAppStore((s) => s.host)
  const [open, setOpen] = useState(false)
  const [mode, setMode] = useState<ParticipantMode>('expert')
  const [made, setMade] = useState<Invite | null>(null)
  const [error, setError] = useState<string | null>(null)
  const live = invites.filter((i) => i.personId === personId && !i.revoked)
  const connected = presence.filter((p) => p.personId === personId)

  const create = async () => {
    if (!host) return
    try {
      setMade(await host['invite.create']({ incidentId, personId, mode }))
      setError(null)
      onChanged()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }
  const revoke = async (inviteId: string) => {
    if (!host) return
    await host['invite.revoke']({ inviteId }).catch((failure: unknown) =>
      setError(failure instanceof Error ? failure.message : String(failure)),
    )
    if (made?.inviteId === inviteId) setMade(null)
    onChanged()
  }

  return (
    <div className="invite" aria-label={`Invite for ${name}`}>
      {connected.map((p) => (
        <PresenceLine key={p.inviteId} name={name} entry={p} />
      ))}
      {!open ? (
        <button type="button" className="link" onClick={() => setOpen(true)}>
          Invite {name}…
        </button>
      ) : (
        <form
          className="invite-form"
          aria-label={`Invite ${name}`}
          onSubmit={(event) => {
            event.preventDefault()
            void create()
          }}
        >
          <label>
            Mode
            <select value={mode} onChange={(e) => setMode(e.target.value as ParticipantMode)}>
              <option value="expert">Expert: proposes, approves and rejects</option>
              <option value="observer">Observer: watches</option>
            </select>
          </label>
          <button type="submit">Make invite link</button>
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
          {error && (
            <p className="banner banner-error" role="alert">
              {error}
            </p>
          )}
          {made && <InviteLink invite={made} />}
          {live.length > 0 && (
            <ul className="invite-list" aria-label={`Invite links for ${name}`}>
              {live.map((invite) => (
                <li key={invite.inviteId}>
                  {invite.mode} link {invite.used ? '(used)' : '(not used yet)'}{' '}
                  <button type="button" onClick={() => void revoke(invite.inviteId)}>
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
    </div>
  )
}
