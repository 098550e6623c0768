import { useMemo } from 'react'
import { activeRoster } from '../../shared/incident/roster'
import type { IncidentRecord } from '../db/record-reader'
import { ChecklistPanel } from '../features/checklist/ChecklistPanel'
import { CommandsPanel } from '../features/commands/CommandsPanel'
import { LeaderProposalActions } from '../features/commands/LeaderProposalActions'
import { PendingSpotlight } from '../features/commands/PendingSpotlight'
import { StakeholderUpdatesPanel } from '../features/comms/StakeholderUpdatesPanel'
import { NotesPanel } from '../features/notes/NotesPanel'
import { RoleBoard } from '../features/roles/RoleBoard'
import { TerminalPanel } from '../features/terminal/TerminalPanel'
import { TimelinePanel } from '../features/timeline/TimelinePanel'
import { useAppStore } from '../stores/app-store'

/**
 * The response: checklist and timeline, the pending command over the terminal, the
 * commands, the role board, updates and notes. In a room view window the terminal only
 * watches and the spotlight offers no acts.
 */
export function ResponseWorkspace({
  record,
  hidden,
  roomView,
}: {
  record: IncidentRecord
  hidden: boolean
  roomView: boolean
}) {
  const host = useAppStore((s) => s.host)
  const hostStatus = useAppStore((s) => s.hostStatus)
  const roster = useMemo(
    () => activeRoster(record.people, record.roles),
    [record.people, record.roles],
  )
  return (
    <main className="workspace" hidden={hidden}>
      <div className="column-left">
        <ChecklistPanel record={record} />
        <TimelinePanel record={record} />
      </div>
      <div className="column-center">
        <PendingSpotlight
          {...(roomView
            ? {}
            : {
                actions: (p) => (
                  <LeaderProposalActions
                    proposal={p}
                    roster={roster}
                    operatorId={record.incident.operatorId}
                  />
                ),
              })}
        />
        {host && hostStatus !== 'failed' ? (
          <TerminalPanel
            key={record.incident.id}
            host={host}
            record={record}
            controlling={!roomView}
          />
        ) : (
          <section className="panel panel-terminal" aria-label="Terminal">
            <p className="placeholder" role="status">
              {hostStatus === 'connecting' ? 'Connecting to the War Room host…' : 'No host'}
            </p>
          </section>
        )}
        <CommandsPanel record={record} />
      </div>
      <div className="column-side">
        <RoleBoard record={record} />
        <StakeholderUpdatesPanel record={record} />
        <NotesPanel record={record} />
      </div>
    </main>
  )
}
