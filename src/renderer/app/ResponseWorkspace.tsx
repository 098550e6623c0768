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
 * watches and the spotlight offers no acts. While the record still loads (`record` null)
 * only the terminal is there: the incident's shell is live first, the panels join it.
 */
export function ResponseWorkspace({
  incidentId,
  record,
  hidden,
  roomView,
}: {
  incidentId: string
  record: IncidentRecord | null
  hidden: boolean
  roomView: boolean
}) {
  const host = useAppStore((s) => s.host)
  const hostStatus = useAppStore((s) => s.hostStatus)
  const people = record?.people
  const roles = record?.roles
  const roster = useMemo(
    () => (people && roles ? activeRoster(people, roles) : []),
    [people, roles],
  )
  const operatorId = record?.incident.operatorId ?? null
  return (
    <main className="workspace" hidden={hidden} aria-busy={!record}>
      <div className="column-left">
        {record ? (
          <>
            <ChecklistPanel record={record} />
            <TimelinePanel record={record} />
          </>
        ) : (
          <p className="placeholder" role="status">
            Loading the incident…{' '}
            {/* A room view only watches: it never changes which incident is open. */}
            {!roomView && (
              <button type="button" onClick={() => useAppStore.getState().showIncidentList()}>
                All incidents
              </button>
            )}
          </p>
        )}
      </div>
      <div className="column-center">
        <PendingSpotlight
          {...(roomView
            ? {}
            : {
                actions: (p) => (
                  <LeaderProposalActions proposal={p} roster={roster} operatorId={operatorId} />
                ),
              })}
        />
        {host && hostStatus !== 'failed' ? (
          <TerminalPanel
            key={incidentId}
            host={host}
            incidentId={incidentId}
            people={record ? { roster, operatorId } : null}
            controlling={!roomView}
          />
        ) : (
          <section className="panel panel-terminal" aria-label="Terminal">
            <p className="placeholder" role="status">
              {hostStatus === 'connecting' ? 'Connecting to the War Room host…' : 'No host'}
            </p>
          </section>
        )}
        {record && <CommandsPanel record={record} />}
      </div>
      <div className="column-side">
        {record && (
          <>
            <RoleBoard record={record} />
            <StakeholderUpdatesPanel record={record} />
            <NotesPanel record={record} />
          </>
        )}
      </div>
    </main>
  )
}
