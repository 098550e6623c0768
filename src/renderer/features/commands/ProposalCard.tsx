import type { ReactNode } from 'react'
import { commandLine, formatDuration } from '../../../shared/commands/command-log'
import type { Proposal } from '../../../shared/commands/gate-model'
import { blockedReason } from '../../../shared/commands/inspect-command'
import { maskSecrets } from '../../../shared/commands/mask-secrets'
import { approvalLabel, isAwaitingRun } from '../../../shared/commands/proposal-lifecycle'
import { CommandText } from './CommandText'

const statusText: Record<Proposal['status'], string> = {
  pending: 'Waiting for approval',
  approved: 'Approved: ready to run',
  running: 'Running',
  finished: 'Finished',
  rejected: 'Rejected',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
  voided: 'Approvals void',
}

export function ContextLine({ proposal }: { proposal: Proposal }) {
  const c = proposal.context
  const parts = [
    c.cwd && `in ${c.cwd}`,
    c.user && c.host && `as ${c.user}@${c.host}`,
    c.kubeContext && `kube ${c.kubeContext}${c.kubeNamespace ? `/${c.kubeNamespace}` : ''}`,
  ].filter(Boolean)
  return (
    <p className="proposal-context">
      <span aria-label="Context">{parts.join(' · ') || 'context not reported by the shell'}</span>
      <span className="proposal-digest" aria-label="Digest" title={proposal.hash}>
        {' '}
        · SHA-256 {proposal.hash.slice(0, 16)}…
      </span>
    </p>
  )
}

/** "Risky: … (needs 1 more approval)", from the policy the proposal was made under. */
function riskyNeed(proposal: Proposal): string {
  const extra = proposal.policy.riskyExtra
  if (extra === 0) return 'no extra approval under this policy'
  return `needs ${extra} more approval${extra === 1 ? '' : 's'}`
}

/**
 * One proposed command: what it is, what it will do, who approved it and how, what
 * happened. What the viewer may do with it comes as `actions` (the leader's screen and a
 * participant's page offer different acts).
 */
export function ProposalCard({
  proposal,
  actions,
  large = false,
}: {
  proposal: Proposal
  actions?: ReactNode
  /** The room's focus (the spotlight): bigger type. */
  large?: boolean
}) {
  const active = isAwaitingRun(proposal)
  const kind = proposal.context.firstWordKind
  return (
    <article
      className={`proposal proposal-${proposal.status}${large ? ' proposal-large' : ''}`}
      aria-label={`Proposal ${commandLine(proposal.text)}`}
    >
      <header className="proposal-header">
        <span className="proposal-status" aria-label="Proposal status">
          {statusText[proposal.status]}
          {proposal.statusReason ? `: ${proposal.statusReason}` : ''}
        </span>
        {active && (
          <span
            className={`tally ${proposal.tally.satisfied ? 'tally-met' : ''}`}
            aria-label="Approvals"
            aria-live="polite"
          >
            {proposal.tally.label}
          </span>
        )}
        <span className="proposal-by">
          proposed by {proposal.proposerName}
          {proposal.proposedVia === 'in-room' ? ' (in the room)' : ''}
        </span>
      </header>
      <CommandText text={proposal.text} findings={proposal.findings} />
      <ContextLine proposal={proposal} />
      {kind !== 'command' && (
        <p className="warning" role="note">
          “{proposal.context.firstWord}” is a shell {kind} here, not the program of that name: it
          may do something other than the text suggests.
        </p>
      )}
      {proposal.blocked && (
        <p className="warning" role="note">
          Approval blocked: {blockedReason(proposal.findings) ?? 'propose it again'}.
        </p>
      )}
      {proposal.findings.length > 0 && (
        <ul className="findings" aria-label="Findings">
          {proposal.findings.map((f, i) => (
            <li key={i} className={f.hides ? 'finding-hides' : ''}>
              {f.description}
            </li>
          ))}
        </ul>
      )}
      {proposal.risk.length > 0 && (
        <ul className="risks" aria-label="Risks">
          {proposal.risk.map((reason) => (
            <li key={reason}>Risky: {reason}</li>
          ))}
          <li className="risks-need">Risky commands: {riskyNeed(proposal)}.</li>
        </ul>
      )}
      {active && proposal.tally.missing.length > 0 && (
        <p className="tally-missing">Needs {proposal.tally.missing.join(' and ')}.</p>
      )}
      {proposal.approvals.length > 0 && (
        <p className="approvals" aria-label="Approved by">
          Approved by{' '}
          {proposal.approvals
            .map((a) => `${approvalLabel(a)}${a.comment ? ` (“${a.comment}”)` : ''}`)
            .join(', ')}
        </p>
      )}
      {proposal.rejection && (
        <p className="approvals">
          Rejected by {proposal.rejection.name}
          {proposal.rejection.via === 'in-room' ? ' (in the room)' : ''}
          {proposal.rejection.comment ? `: “${proposal.rejection.comment}”` : ''}
        </p>
      )}
      {actions}
      {proposal.run && (
        <div className="run-result" aria-label="Result">
          <p>
            {proposal.run.exitCode === null
              ? 'Exit code unknown'
              : `Exit code ${proposal.run.exitCode}`}{' '}
            · {formatDuration(proposal.run.durationMs)}
          </p>
          {proposal.run.curtained ? (
            // What a command printed behind the curtain stays off every screen.
            <p className="muted" aria-label="Output hidden">
              {proposal.run.outputWithheld
                ? 'Output hidden by the leader: it ran behind the curtain.'
                : 'Output not shown: it ran behind the curtain (the command log keeps it).'}
            </p>
          ) : (
            proposal.run.output && (
              <pre className="run-output">{maskSecrets(proposal.run.output)}</pre>
            )
          )}
        </div>
      )}
    </article>
  )
}
