import type { StateCreator } from 'zustand'
import type { AppInfo, HostClient } from '../../shared/contract'

export type HostStatus = 'connecting' | 'connected' | 'lost' | 'failed'

export interface HostSlice {
  host: HostClient | null
  appInfo: AppInfo | null
  hostStatus: HostStatus
  hostError: string | null
  hostConnected(host: HostClient): void
  appInfoLoaded(info: AppInfo): void
  hostLost(): void
  hostFailed(message: string): void
}

export const createHostSlice: StateCreator<HostSlice> = (set) => ({
  host: null,
  appInfo: null,
  hostStatus: 'connecting',
  hostError: null,
  hostConnected: (host) => set({ host, hostStatus: 'connected', hostError: null }),
  appInfoLoaded: (appInfo) => set({ appInfo }),
  // A session the host ended (revoked, incident closed) already says why: keep that.
  hostLost: () =>
    set((s) =>
      s.hostStatus === 'failed'
        ? s
        : { hostStatus: 'lost', hostError: 'The connection to the War Room host was lost.' },
    ),
  hostFailed: (message) => set({ hostStatus: 'failed', hostError: message }),
})
