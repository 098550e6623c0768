import { useCallback, useEffect, useState } from 'react'
import type { PresenceEntry } from '../../../shared/access'
import type { Invite } from '../../../shared/contract'
import { useAppStore } from '../../stores/app-store'

/**
 * The incident's invite links and who is connected through them, as the host knows it
 * (live: the host pushes presence changes to the leader's windows).
 */
export function useInvites(incidentId: string) {
  const host = useAppStore((s) => s.host)
  const leader = useAppStore((s) => s.appInfo?.access.role === 'leader')
  const [invites, setInvites] = useState<Invite[]>([])
  const [presence, setPresence] = useState<PresenceEntry[]>([])

  const refresh = useCallback(async () => {
    if (!host || !leader) return
    const [list, people] = await Promise.all([
      host['invite.list']({ incidentId }),
      host['presence.list']({ incidentId }),
    ]).catch(() => [[], []] as [Invite[], PresenceEntry[]])
    setInvites(list)
    setPresence(people)
  }, [host, leader, incidentId])

  useEffect(() => {
    if (!host || !leader) return
    void refresh()
    return host.on('presence', (event) => {
      if (event.incidentId !== incidentId) return
      setPresence(event.entries)
      void refresh()
    })
  }, [host, leader, incidentId, refresh])

  return { invites, presence, refresh, available: !!host && leader }
}
