import { useState } from 'react'
import { describeJoinPeer, type PresenceEntry } from '../../../shared/access'
import { useAppStore } from '../../stores/app-store'

/**
 * One person connected through their invite link, on the role board: their mode and key,
 * where the link was followed from (the leader's own machine says so), and whether the
 * leader has typed back the code their page shows. Until then an expert's page only watches.
 */
export function PresenceLine({ name, entry }: { name: string; entry: PresenceEntry }) {
  const host = useAppStore((s) => s.host)
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)

  const confirm = async () => {
    if (!host) return
    try {
      await host['invite.confirm']({ inviteId: entry.inviteId, code })
      setError(null)
      setCode('')
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }

  return (
    <div className="presence-entry">
      <p className="presence" role="status" aria-label={`${name} connected`}>
        Connected ({entry.mode}
        {entry.keyFingerprint ? `, key ${entry.keyFingerprint}` : ''})
      </p>
      <p
        className={entry.joinedFrom?.loopback || entry.joinedFrom?.thisMachine ? 'notice' : 'muted'}
        aria-label={`How ${name} joined`}
        title={entry.joinedFrom?.userAgent ?? undefined}
      >
        {entry.joinedFrom
          ? `Link followed from ${describeJoinPeer(entry.joinedFrom)}`
          : 'Where the link was followed from is not known'}
        {entry.confirmed
          ? ` · confirmed by ${entry.confirmed.by}`
          : ' · not confirmed yet: ask them to read out the code on their page'}
      </p>
      {!entry.confirmed && (
        <form
          className="confirm-code"
          aria-label={`Confirm ${name}`}
          onSubmit={(event) => {
            event.preventDefault()
            void confirm()
          }}
        >
          <label>
            Code {name} reads out
            <input
              value={code}
              inputMode="numeric"
              autoComplete="off"
              maxLength={7}
              pattern="\d{3} ?\d{3}"
              placeholder="123 456"
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button type="submit" disabled={!/^\d{3} ?\d{3}$/.test(code.trim())}>
            Confirm
          </button>
          {error && (
            <p className="banner banner-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  )
}
