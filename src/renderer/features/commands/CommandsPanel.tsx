import './commands.css'
import { useMemo, useState } from 'react'
import { DEFAULT_POLICY } from '../../../shared/commands/gate-model'
import { isActive } from '../../../shared/commands/proposal-lifecycle'
import { setApprovalPolicy } from '../../../shared/incident/incident-acts'
import { activeRoster } from '../../../shared/incident/roster'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { LeaderProposalActions } from './LeaderProposalActions'
import { PolicyEditor } from './PolicyEditor'
import { ProposalList } from './ProposalList'
import { ProposeForm } from './ProposeForm'

/**
 * The guarded terminal's proposals on the leader's screen: the box to propose a command,
 * every pending and recent one with its inspection and approvals, the policy in force.
 * The order and the states are the host's (active oldest first, then recent closed ones).
 */
export function CommandsPanel({ record }: { record: IncidentRecord }) {
  const gate = useAppStore((s) => s.gate)
  const gateError = useAppStore((s) => s.gateError)
  const act = useAppStore((s) => s.act)
  const verifyCommandLog = useAppStore((s) => s.verifyCommandLog)
  const [verdict, setVerdict] = useState<string | null>(null)
  const roster = useMemo(
    () => activeRoster(record.people, record.roles),
    [record.people, record.roles],
  )
  const policy = record.incident.approvalPolicy ?? DEFAULT_POLICY
  const proposals = gate?.proposals ?? []
  const active = proposals.filter(isActive)
  const closed = proposals.filter((p) => !isActive(p))
  const operatorId = record.incident.operatorId

  return (
    <section className="panel panel-commands" aria-label="Commands">
      <header className="panel-header">
        <h2>Commands</h2>
        <span className="gate-state">
          {gate?.integrated ? 'shell integration on' : 'no shell integration: exit codes unknown'}
        </span>
      </header>
      <PolicyEditor
        policy={policy}
        onChange={(next) =>
          void act((context) => setApprovalPolicy(context, record.incident, next))
        }
      />
      {gateError && (
        <p className="banner banner-error" role="alert" aria-label="Gate refused">
          {gateError}
        </p>
      )}
      <ProposeForm roster={roster} operatorId={operatorId} />
      <ProposalList
        label="Pending commands"
        proposals={active}
        empty="No command waiting."
        actions={(p) => (
          <LeaderProposalActions proposal={p} roster={roster} operatorId={operatorId} />
        )}
      />
      <ProposalList label="Recent commands" proposals={closed} />
      <p className="chain-verdict">
        <button type="button" onClick={() => void verifyCommandLog().then(setVerdict)}>
          Verify command log
        </button>{' '}
        {verdict && (
          <span role="status" aria-label="Command log verdict">
            {verdict}
          </span>
        )}
      </p>
    </section>
  )
}
