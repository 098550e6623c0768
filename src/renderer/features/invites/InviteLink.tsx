import { useEffect, useState } from 'react'
import type { Invite } from '../../../shared/contract'

/**
 * The link itself, shown once: as text to copy and as a QR code for a phone, with the
 * server's certificate fingerprint to compare when it is served on the LAN. (Mind the
 * shared screen: the link is personal; show it to its person.)
 */
export function InviteLink({ invite }: { invite: Invite }) {
  const [qr, setQr] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const url = invite.url ?? ''
  useEffect(() => {
    let cancelled = false
    // Loaded on first use: the QR encoder is not on the leader's start-up path.
    void import('qrcode')
      .then((qrcode) => qrcode.toString(url, { type: 'svg', margin: 1 }))
      .then((svg) => !cancelled && setQr(`data:image/svg+xml;base64,${btoa(svg)}`))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [url])

  return (
    <div className="invite-link" aria-label="Invite link">
      <p>
        Personal {invite.mode} link for {invite.name} (works once):
      </p>
      <input readOnly value={url} aria-label="Invite URL" onFocus={(e) => e.target.select()} />
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
      {qr && <img className="invite-qr" src={qr} alt={`QR code of ${invite.name}'s invite link`} />}
      {invite.certificateFingerprint && (
        <p className="fingerprint">
          HTTPS certificate (self-signed) SHA-256: <code>{invite.certificateFingerprint}</code>.
          Compare it with what the browser shows before accepting it.
        </p>
      )}
    </div>
  )
}
