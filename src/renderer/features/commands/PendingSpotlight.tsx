import type { ReactNode } from 'react'
import type { Proposal } from '../../../shared/commands/gate-model'
import { isAwaitingRun } from '../../../shared/commands/proposal-lifecycle'
import { useAppStore } from '../../stores/app-store'
import { ProposalCard } from './ProposalCard'

/**
 * The room's focus: whenever a command waits, the oldest one, large, over the terminal —
 * its exact text, the named chips, the context, the risks and the live tally — with how
 * many more wait. The order is the host's (active proposals oldest first).
 */
export function PendingSpotlight({ actions }: { actions?: (proposal: Proposal) => ReactNode }) {
  const proposals = useAppStore((s) => s.gate?.proposals)
  const waiting = (proposals ?? []).filter(isAwaitingRun)
  const first = waiting[0]
  if (!first) return null
  return (
    <section className="spotlight" aria-label="Spotlight">
      <header className="spotlight-header">
        <h2>Waiting for the room</h2>
        {waiting.length > 1 && (
          <span className="spotlight-more" aria-label="More waiting">
            +{waiting.length - 1} more waiting
          </span>
        )}
      </header>
      <ProposalCard proposal={first} large actions={actions?.(first)} />
    </section>
  )
}
