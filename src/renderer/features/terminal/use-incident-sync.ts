import { useEffect, useMemo } from 'react'
import { DEFAULT_POLICY } from '../../../shared/commands/gate-model'
import { activeRoster } from '../../../shared/incident/roster'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'

/**
 * Tells the host who is on the role board, the policy in force and who is at the keyboard,
 * whenever they change: the host decides approvals by them (and logs each change). Only the
 * leader's session may; a participant's page never calls this.
 */
export function useIncidentSync(record: IncidentRecord | null): void {
  const host = useAppStore((s) => s.host)
  const leader = useAppStore((s) => s.appInfo?.access.role === 'leader')
  const incident = record?.incident
  const roster = useMemo(
    () => (record ? activeRoster(record.people, record.roles) : []),
    [record?.people, record?.roles],
  )
  const config = useMemo(
    () =>
      incident
        ? {
            incidentId: incident.id,
            title: incident.title,
            roster,
            policy: incident.approvalPolicy ?? DEFAULT_POLICY,
            operatorId: incident.operatorId,
          }
        : null,
    [incident, roster],
  )
  const key = config ? JSON.stringify(config) : null
  useEffect(() => {
    if (!host || !leader || !config || incident?.status !== 'active') return
    host['incident.configure'](config).catch((error: unknown) =>
      useAppStore.setState({ gateError: error instanceof Error ? error.message : String(error) }),
    )
    // `key` stands for `config`'s content: re-send only when something really changed.
  }, [host, leader, key])
}
