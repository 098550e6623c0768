/**
 * Where invited people reach the host. Loopback always (an SSH tunnel, or a browser on the
 * leader's machine); a LAN address only when asked for (`--listen`), over HTTPS with a
 * self-signed certificate whose fingerprint people compare. Invite links point at the LAN
 * address when there is one.
 */
import type { ParticipantAccess } from '../core/host'
import type { Host } from '../core/host'
import { JOIN_PATH } from './http-handlers'
import { startBrowserShell, type BrowserShell } from './browser-shell'
import { loadOrCreateCertificate } from './tls-certificate'

export interface ParticipantServers extends ParticipantAccess {
  /**
   * Starts what is not started yet: a loopback server for participants unless the leader's
   * own (`loopback`) serves them too, and the LAN server if asked for. The browser shell
   * starts at once; Electron waits for the first invite.
   */
  start(
    host: Host,
    loopback?: BrowserShell,
  ): Promise<{ origin: string; certificateFingerprint: string | null }>
  close(): Promise<void>
}

export function participantServers(options: {
  rendererDir: string
  port: number
  dataDir: string
  /** A LAN address to serve participants on (HTTPS), or null for loopback only. */
  listen: string | null
}): ParticipantServers {
  let started: Promise<{ origin: string; certificateFingerprint: string | null }> | null = null
  const servers: BrowserShell[] = []
  let hostRef: Host | null = null

  const start = (host: Host, leaderServer?: BrowserShell) => {
    hostRef = host
    started ??= (async () => {
      if (!leaderServer) {
        servers.push(
          await startBrowserShell({
            host,
            rendererDir: options.rendererDir,
            port: options.port,
            leader: false,
          }),
        )
      }
      if (!options.listen) {
        const loopback = leaderServer ?? servers[0]!
        return { origin: loopback.origin, certificateFingerprint: null }
      }
      const certificate = await loadOrCreateCertificate(options.dataDir, options.listen)
      const lan = await startBrowserShell({
        host,
        rendererDir: options.rendererDir,
        port: options.port,
        address: options.listen,
        tls: { key: certificate.key, cert: certificate.cert },
        leader: false,
      })
      servers.push(lan)
      return { origin: lan.origin, certificateFingerprint: certificate.fingerprint }
    })()
    return started
  }

  return {
    start,
    async inviteUrl(token) {
      if (!hostRef) throw new Error('the participant server has not been started')
      const { origin, certificateFingerprint } = await start(hostRef)
      return {
        url: `${origin}${JOIN_PATH}?invite=${encodeURIComponent(token)}`,
        certificateFingerprint,
      }
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()))
    },
  }
}
