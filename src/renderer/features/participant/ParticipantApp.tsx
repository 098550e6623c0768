import './participant.css'
import { useEffect, useState } from 'react'
import type { Proposal } from '../../../shared/commands/gate-model'
import { isActive } from '../../../shared/commands/proposal-lifecycle'
import type { TerminalSession } from '../../../shared/contract'
import { useAppStore } from '../../stores/app-store'
import { ProposalList } from '../commands/ProposalList'
import { ParticipantProposalActions } from './ParticipantProposalActions'
import { ParticipantProposeForm } from './ParticipantProposeForm'
import { ParticipantTerminal } from './ParticipantTerminal'
import { useSigningKey } from './use-signing-key'

/**
 * An invited person's page: the incident's terminal (read-only), the commands waiting with
 * their full inspection, and — for experts — approve, reject and propose in their own name.
 * Nothing else of the incident: no raw keys, no break-glass, no policy or roster.
 */
export default function ParticipantApp() {
  const host = useAppStore((s) => s.host)
  const appInfo = useAppStore((s) => s.appInfo)
  const hostError = useAppStore((s) => s.hostError)
  const gate = useAppStore((s) => s.gate)
  const gateError = useAppStore((s) => s.gateError)
  const [sessions, setSessions] = useState<TerminalSession[]>([])
  /** Why the host ended this session (revoked, incident closed): the page says only that. */
  const [ended, setEnded] = useState<string | null>(null)
  const access = appInfo?.access.role === 'participant' ? appInfo.access : null
  const expert = access?.mode === 'expert'
  /** An expert acts once the leader has typed back the code this page shows. */
  const acts = expert && !!access?.confirmed
  const signing = useSigningKey(access?.participantId ?? null, expert)
  const appInfoLoaded = useAppStore((s) => s.appInfoLoaded)

  // Heard here, not only through the store: the socket closes right after this event, and
  // its "connection lost" must not replace the reason.
  useEffect(() => host?.on('session.ended', ({ reason }) => setEnded(reason)), [host])
  // The leader confirmed this page's code: what the host now says of this session.
  useEffect(
    () =>
      host?.on('session.confirmed', () => {
        void host['app.info']({}).then(appInfoLoaded, () => {})
      }),
    [host, appInfoLoaded],
  )

  useEffect(() => {
    if (!host || !access) return
    void host['terminal.list']({}).then(setSessions, () => {})
    return host.on('terminal.list', ({ sessions: next }) => setSessions(next))
  }, [host, access?.participantId]) // eslint-disable-line react-hooks/exhaustive-deps

  const session = [...sessions].sort((a, b) => b.createdAt - a.createdAt)[0] ?? null
  const active = (gate?.proposals ?? []).filter(isActive)

  return (
    <div className="app participant-app">
      <header className="app-header">
        <h1>War Room</h1>
        {access && (
          <p className="participant-who" aria-label="You are">
            {access.name} · {access.mode === 'expert' ? 'expert' : 'observer'} ·{' '}
            {access.incidentTitle || 'incident'}
            {signing.status === 'ready' && (
              <span className="key-fingerprint"> · your key {signing.fingerprint}</span>
            )}
            {access.confirmed && <span> · confirmed by {access.confirmed.by}</span>}
          </p>
        )}
      </header>
      {access && !access.confirmed && !ended && (
        <section className="notice pairing-code" role="status" aria-label="Your code">
          <p>
            Read this code out to the leader:{' '}
            <strong className="code">
              {access.pairingCode.slice(0, 3)} {access.pairingCode.slice(3)}
            </strong>
          </p>
          <p>
            {expert
              ? 'Once they type it back, you can approve, reject and propose from this page.'
              : 'They type it back to confirm that this page is yours.'}
          </p>
        </section>
      )}
      {ended ? (
        <div className="banner banner-error" role="alert" aria-label="Session ended">
          This session has ended: {ended}. Ask the leader for a new invite link if you are still
          needed.
        </div>
      ) : (
        hostError && (
          <div className="banner banner-error" role="alert">
            {hostError}
          </div>
        )
      )}
      {!ended && expert && signing.status === 'unavailable' && (
        <p className="notice" role="status">
          Approvals from this page are not signed: {signing.reason}.
        </p>
      )}
      {!ended && gateError && (
        <p className="banner banner-error" role="alert" aria-label="Gate refused">
          {gateError}
        </p>
      )}
      <main className="participant-workspace" hidden={ended !== null}>
        <ProposalList
          label="Pending commands"
          proposals={active}
          empty="No command waiting."
          {...(acts && access
            ? {
                actions: (p: Proposal) => (
                  <ParticipantProposalActions
                    proposal={p}
                    personId={access.personId}
                    signing={signing}
                  />
                ),
              }
            : {})}
        />
        {host && session ? (
          <ParticipantTerminal host={host} session={session} />
        ) : (
          <section className="panel panel-terminal" aria-label="Terminal">
            <p className="placeholder" role="status">
              {access ? 'No shell is running for this incident yet.' : 'Connecting…'}
            </p>
          </section>
        )}
        {acts && <ParticipantProposeForm />}
      </main>
    </div>
  )
}
