import type { ReactNode } from 'react'
import type { Proposal } from '../../../shared/commands/gate-model'
import { ProposalCard } from './ProposalCard'

/** A named list of proposal cards (the pending ones, the recent ones), each with its acts. */
export function ProposalList({
  label,
  proposals,
  empty,
  actions,
}: {
  label: string
  proposals: Proposal[]
  /** What to say when there is none (nothing rendered when absent). */
  empty?: string
  actions?: (proposal: Proposal) => ReactNode
}) {
  if (proposals.length === 0 && !empty) return null
  return (
    <div className="proposal-list" role="list" aria-label={label}>
      {proposals.length === 0 && <p className="placeholder">{empty}</p>}
      {proposals.map((p) => (
        <div role="listitem" key={p.id}>
          <ProposalCard proposal={p} actions={actions?.(p)} />
        </div>
      ))}
    </div>
  )
}
