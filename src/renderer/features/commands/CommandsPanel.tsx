import './commands.css'
import { useEffect, useMemo, useState } from 'react'
import { DEFAULT_POLICY, type Proposal } from '../../../shared/commands/gate-model'
import type { ChainVerdict } from '../../../shared/commands/hash-chain'
import { setApprovalPolicy } from '../../../shared/incident/incident-acts'
import { activeRoster } from '../../../shared/incident/roster'
import { verifyCommandLog } from '../../db/command-log-reader'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { PolicyEditor } from './PolicyEditor'
import { ProposalCard } from './ProposalCard'
import { ProposeForm } from './ProposeForm'

const ACTIVE: ReadonlySet<Proposal['status']> = new Set(['pending', 'approved', 'running'])

function describeVerdict(verdict: ChainVerdict): string {
  return verdict.intact
    ? `Command log intact (${verdict.length} entries, hash chain verified)`
    : `Command log TAMPERED: entry ${verdict.brokenAt + 1} ${verdict.reason}`
}

/**
 * The guarded terminal's proposals: the box to propose a command, every pending and
 * recent one with its inspection and approvals, the policy in force.
 */
export function CommandsPanel({ record }: { record: IncidentRecord }) {
  const host = useAppStore((s) => s.host)
  const db = useAppStore((s) => s.db)
  const sessionId = useAppStore((s) => s.terminalSessionId)
  const gate = useAppStore((s) => s.gate)
  const gateError = useAppStore((s) => s.gateError)
  const act = useAppStore((s) => s.act)
  const [verdict, setVerdict] = useState<string | null>(null)
  const roster = useMemo(
    () => activeRoster(record.people, record.roles),
    [record.people, record.roles],
  )
  const policy = record.incident.approvalPolicy ?? DEFAULT_POLICY
  const incidentId = record.incident.id

  // The gate counts approvals by the role board and the incident's policy: keep it told.
  useEffect(() => {
    if (!host || !sessionId) return
    host['gate.configure']({ sessionId, incidentId, roster, policy }).catch((error: unknown) =>
      useAppStore.setState({ gateError: error instanceof Error ? error.message : String(error) }),
    )
  }, [host, sessionId, incidentId, roster, policy])

  const proposals = gate?.proposals ?? []
  const active = proposals.filter((p) => ACTIVE.has(p.status))
  const closed = proposals.filter((p) => !ACTIVE.has(p.status)).reverse()
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
      <div className="proposal-list" role="list" aria-label="Pending commands">
        {active.length === 0 && <p className="placeholder">No command waiting.</p>}
        {active.map((p) => (
          <div role="listitem" key={p.id}>
            <ProposalCard proposal={p} roster={roster} operatorId={operatorId} />
          </div>
        ))}
      </div>
      {closed.length > 0 && (
        <div className="proposal-list" role="list" aria-label="Recent commands">
          {closed.map((p) => (
            <div role="listitem" key={p.id}>
              <ProposalCard proposal={p} roster={roster} operatorId={operatorId} />
            </div>
          ))}
        </div>
      )}
      <p className="chain-verdict">
        <button
          type="button"
          disabled={!db}
          onClick={() =>
            void verifyCommandLog(db!, incidentId).then(
              (v) => setVerdict(describeVerdict(v)),
              (error: unknown) => setVerdict(`Could not read the command log: ${String(error)}`),
            )
          }
        >
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
