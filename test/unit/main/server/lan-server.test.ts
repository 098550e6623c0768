/**
 * Serving participants off loopback (`--listen ADDRESS`): HTTPS only, with a self-signed
 * certificate kept in the data directory; the leader's token is never accepted there.
 * 127.0.0.2 stands in for a LAN address (it is not the loopback address the leader uses).
 */
import { mkdtempSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startBrowserShell, type BrowserShell } from '../../../../src/main/server/browser-shell'
import { participantServers } from '../../../../src/main/server/participant-access'
import { loadOrCreateCertificate } from '../../../../src/main/server/tls-certificate'
import { INCIDENT, startHost, type HostHarness } from '../../../support/host-harness'

const LAN = '127.0.0.2'

function get(
  url: string,
  cookie = '',
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { rejectUnauthorized: false, headers: cookie ? { cookie } : {} },
      (res) => {
        res.resume()
        resolve({ status: res.statusCode ?? 0, headers: res.headers })
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('the participant server on a LAN address', () => {
  let h: HostHarness | undefined
  const servers: BrowserShell[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
    h?.host.dispose()
  })

  it('refuses plain HTTP off loopback', async () => {
    h = startHost()
    await expect(
      startBrowserShell({ host: h.host, port: 0, rendererDir: h.workDir, address: LAN }),
    ).rejects.toThrow(/Plain HTTP never leaves loopback/)
  })

  it('serves invite links over HTTPS, keeps its certificate, and never takes the leader’s token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warroom-tls-'))
    const first = await loadOrCreateCertificate(dataDir, LAN)
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect((await loadOrCreateCertificate(dataDir, LAN)).fingerprint).toBe(first.fingerprint)

    const reach = participantServers({
      rendererDir: mkdtempSync(join(tmpdir(), 'r-')),
      port: 0,
      dataDir,
      listen: LAN,
    })
    h = startHost({ dataDir, participants: reach })
    const loopback = await startBrowserShell({ host: h.host, port: 0, rendererDir: h.workDir })
    servers.push(loopback)
    const started = await reach.start(h.host, loopback)
    expect(started).toMatchObject({ certificateFingerprint: first.fingerprint })
    expect(started.origin).toMatch(new RegExp(`^https://${LAN.replace(/\./g, '\\.')}:\\d+$`))

    await h.configure()
    const invite = await h.leader.call('invite.create', {
      incidentId: INCIDENT,
      personId: 'carol',
      mode: 'expert',
    })
    expect(invite.url).toMatch(new RegExp(`^${started.origin}/join\\?invite=`))
    expect(invite.certificateFingerprint).toBe(first.fingerprint)

    const joined = await get(invite.url!)
    expect(joined.status).toBe(303)
    const cookie = String(joined.headers['set-cookie'])
    expect(cookie).toMatch(
      /warroom_participant_\d+=[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Secure/,
    )
    // Used once: a second visit is refused.
    expect((await get(invite.url!)).status).toBe(403)
    // The leader's launch token means nothing there.
    const token = new URL(loopback.url!).searchParams.get('token')
    expect((await get(`${started.origin}/?token=${token}`)).status).toBe(401)
    await reach.close()
  })
})
