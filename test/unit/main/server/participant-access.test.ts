/**
 * Issue 12, over the wire: the real browser-shell server with a real host and real shells.
 * A participant's session (invite link → GET /join → cookie → `ws /rpc?as=participant`) may
 * watch its own incident and, as an expert, propose, approve and reject in its own name;
 * nothing else. The host decides who is asking from the credential, never from the message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import {
  createSigningKey,
  exportPublicKey,
  signApproval,
} from '../../../../src/shared/commands/approval-signature'
import {
  DEFAULT_POLICY,
  type ApprovalPolicy,
  type CommandLogEntry,
} from '../../../../src/shared/commands/gate-model'
import { approvalLabel } from '../../../../src/shared/commands/proposal-lifecycle'
import type { AppInfo, HostClient } from '../../../../src/shared/contract'
import { createHost, type Host } from '../../../../src/main/core/host'
import { startBrowserShell, type BrowserShell } from '../../../../src/main/server/browser-shell'
import { connectSocketClient, type SocketLike } from '../../../../src/shared/rpc/socket-client'
import { ROSTER } from '../../../support/host-harness'
import { hermeticShellEnv } from '../../../support/hermetic-env'

const INCIDENT = 'inc-1'
const OTHER_INCIDENT = 'inc-2'
/** A shell's first prompt, on a busy 2-core machine. */
const SHELL_READY_MS = 15_000

let host: Host
let server: BrowserShell
let leader: HostClient
let shellId: string
let otherShellId: string
const sockets: WebSocket[] = []

interface Session {
  client: HostClient
  socket: WebSocket
  /** Resolves with the close code and reason once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>
}

/** Opens the contract's socket; resolves once open (the upgrade was accepted). */
async function openSocket(path: string, cookie: string): Promise<Session> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, {
    origin: server.origin,
    headers: { cookie },
  })
  sockets.push(socket)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const { client } = await connectSocketClient(socket as unknown as SocketLike)
  return { client, socket, closed }
}

/** The HTTP status an upgrade is refused with, or 'open' when it is accepted. */
function upgradeStatus(path: string, cookie: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, {
      origin: server.origin,
      headers: { cookie },
    })
    socket.on('open', () => {
      socket.close()
      resolve('open')
    })
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.on('error', () => {})
  })
}

/** Follows an invite link as a browser would: its status, and the cookie it leaves. */
async function follow(url: string): Promise<{ status: number; cookie: string | null }> {
  const response = await fetch(url, { redirect: 'manual' })
  const setCookie = response.headers.getSetCookie()[0]
  return { status: response.status, cookie: setCookie ? setCookie.split(';')[0]! : null }
}

async function invite(personId: string, mode: 'expert' | 'observer', incidentId = INCIDENT) {
  const made = await leader['invite.create']({ incidentId, personId, mode })
  return { ...made, url: made.url! }
}

/**
 * Invited, the link followed, the participant's socket open, and (unless `confirm` is false)
 * the code their page shows read out and typed back by the leader.
 */
async function joinAs(personId: string, mode: 'expert' | 'observer' = 'expert', confirm = true) {
  const made = await invite(personId, mode)
  const joined = await follow(made.url)
  expect(joined.status).toBe(303)
  const session = await openSocket('/rpc?as=participant', joined.cookie!)
  const code = pairingCode(await session.client['app.info']({}))
  if (confirm) await leader['invite.confirm']({ inviteId: made.inviteId, code })
  return { ...session, invite: made, cookie: joined.cookie!, code }
}

const pairingCode = (info: AppInfo) =>
  info.access.role === 'participant' ? info.access.pairingCode : ''

const configure = (incidentId: string, policy: Partial<ApprovalPolicy> = {}) =>
  leader['incident.configure']({
    incidentId,
    title: incidentId === INCIDENT ? 'Checkout API returns 500s' : 'Search is slow',
    roster: ROSTER,
    policy: { ...DEFAULT_POLICY, ...policy },
    operatorId: 'alice',
  })

async function readyShell(incidentId: string): Promise<string> {
  const { sessionId } = await leader['terminal.create']({ incidentId, cols: 100, rows: 30 })
  await vi.waitFor(
    async () => {
      if (!(await leader['gate.state']({ sessionId })).ready) throw new Error('not ready yet')
    },
    { timeout: SHELL_READY_MS, interval: 25 },
  )
  return sessionId
}

/** A fresh proposal of Bob's, made on the leader's screen. */
const bobProposes = (text = 'echo "checked-$((6 * 7))"') =>
  leader['gate.propose']({ sessionId: shellId, text, proposerId: 'bob' })

const refused = { code: 'refused' }
const notFound = { code: 'not-found' }

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'warroom-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>War Room</title>')
  let origin = ''
  host = createHost({
    shellKind: 'browser',
    version: 'test',
    shell: '/bin/bash',
    defaultCwd: mkdtempSync(join(tmpdir(), 'warroom-work-')),
    env: hermeticShellEnv(),
    dataDir: mkdtempSync(join(tmpdir(), 'warroom-data-')),
    participants: {
      inviteUrl: async (token) => ({
        url: `${origin}/join?invite=${encodeURIComponent(token)}`,
        certificateFingerprint: null,
      }),
    },
  })
  server = await startBrowserShell({ host, port: 0, rendererDir })
  origin = server.origin
  const token = new URL(server.url!).searchParams.get('token')!
  leader = (await openSocket('/rpc', `warroom_token_${server.port}=${token}`)).client
  await configure(INCIDENT)
  await configure(OTHER_INCIDENT)
  ;[shellId, otherShellId] = await Promise.all([readyShell(INCIDENT), readyShell(OTHER_INCIDENT)])
}, 30_000)

afterAll(async () => {
  for (const socket of sockets) socket.terminate()
  host.dispose()
  await server.close()
})

describe('a participant session over the browser shell’s socket', () => {
  it('is who the invite says, on its own incident, and sees only that incident’s terminal', async () => {
    const carol = await joinAs('carol')
    const info = await carol.client['app.info']({})
    expect(info.access).toMatchObject({
      role: 'participant',
      personId: 'carol',
      name: 'Carol',
      mode: 'expert',
      incidentId: INCIDENT,
      incidentTitle: 'Checkout API returns 500s',
    })
    expect(info.dataDir).toBeNull()

    const terminals = await carol.client['terminal.list']({})
    expect(terminals.map((t) => t.sessionId)).toEqual([shellId])
    await expect(
      carol.client['terminal.attach']({ sessionId: otherShellId, controlling: false }),
    ).rejects.toMatchObject(notFound)
    await expect(carol.client['gate.state']({ sessionId: otherShellId })).rejects.toMatchObject(
      notFound,
    )
    await expect(
      carol.client['gate.propose']({ sessionId: otherShellId, text: 'uptime' }),
    ).rejects.toMatchObject(notFound)
    // Its own incident's terminal: watched, never controlled.
    const attached = await carol.client['terminal.attach']({
      sessionId: shellId,
      controlling: false,
    })
    expect(attached.incidentId).toBe(INCIDENT)
  })

  it('cannot touch the shell, the room or the invites, whatever it sends', async () => {
    const carol = await joinAs('carol')
    const c = carol.client
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['terminal.create', () => c['terminal.create']({ incidentId: INCIDENT, cols: 80, rows: 24 })],
      [
        'terminal.write',
        () => c['terminal.write']({ sessionId: shellId, data: 'echo typed-$((6 * 7))\r' }),
      ],
      ['terminal.resize', () => c['terminal.resize']({ sessionId: shellId, cols: 20, rows: 5 })],
      ['terminal.kill', () => c['terminal.kill']({ sessionId: shellId, force: true })],
      [
        'gate.breakGlass',
        () => c['gate.breakGlass']({ sessionId: shellId, personId: 'carol', reason: 'just once' }),
      ],
      [
        'gate.endBreakGlass',
        () => c['gate.endBreakGlass']({ sessionId: shellId, personId: 'carol' }),
      ],
      ['gate.curtain', () => c['gate.curtain']({ sessionId: shellId, closed: true })],
      [
        'incident.configure (roster)',
        () =>
          c['incident.configure']({
            incidentId: INCIDENT,
            title: 'mine now',
            roster: [{ personId: 'carol', name: 'Carol', roles: ['incident-leader'] }],
            policy: DEFAULT_POLICY,
            operatorId: 'carol',
          }),
      ],
      [
        'incident.configure (policy)',
        () =>
          c['incident.configure']({
            incidentId: INCIDENT,
            title: 'Checkout API returns 500s',
            roster: ROSTER,
            policy: { ...DEFAULT_POLICY, experts: 0, leader: true },
            operatorId: 'alice',
          }),
      ],
      ['incident.end', () => c['incident.end']({ incidentId: INCIDENT, force: true })],
      [
        'invite.create',
        () => c['invite.create']({ incidentId: INCIDENT, personId: 'carol', mode: 'expert' }),
      ],
      ['invite.list', () => c['invite.list']({ incidentId: INCIDENT })],
      ['invite.revoke', () => c['invite.revoke']({ inviteId: carol.invite.inviteId })],
      ['presence.list', () => c['presence.list']({ incidentId: INCIDENT })],
      [
        'invite.confirm',
        () => c['invite.confirm']({ inviteId: carol.invite.inviteId, code: carol.code }),
      ],
      ['gate.pendingLog', () => c['gate.pendingLog']({})],
      ['gate.ackLog', () => c['gate.ackLog']({ logId: 'any', seq: 1_000_000 })],
      ['window.openRoomView', () => c['window.openRoomView']({})],
      [
        'file.save',
        () => c['file.save']({ suggestedName: 'x.md', content: 'x', kind: 'markdown' }),
      ],
    ]
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject(refused)
    }

    // Nothing of it happened: one shell of the same size, the same room, her link still good.
    const shells = await leader['terminal.list']({})
    expect(shells.filter((t) => t.incidentId === INCIDENT)).toEqual([
      expect.objectContaining({ sessionId: shellId, cols: 100, rows: 30 }),
    ])
    expect((await c['app.info']({})).access).toMatchObject({
      incidentTitle: 'Checkout API returns 500s',
    })
    const state = await leader['gate.state']({ sessionId: shellId })
    expect(state).toMatchObject({ breakGlass: null, curtain: null, policy: DEFAULT_POLICY })
    expect(
      (await leader['invite.list']({ incidentId: INCIDENT })).find(
        (i) => i.inviteId === carol.invite.inviteId,
      ),
    ).toMatchObject({ revoked: false })
    // The refused keys never reached the shell: an approved command written after them runs alone.
    const p = await bobProposes('echo "after-$((6 * 7))"')
    await leader['gate.approve']({
      sessionId: shellId,
      proposalId: p.id,
      hash: p.hash,
      onBehalfOf: 'carol',
    })
    const output: string[] = []
    const stop = leader.on('terminal.data', ({ data }) =>
      output.push(new TextDecoder().decode(data)),
    )
    await leader['terminal.attach']({ sessionId: shellId, controlling: true })
    await leader['gate.run']({ sessionId: shellId, proposalId: p.id, hash: p.hash })
    await vi.waitFor(() => expect(output.join('')).toContain('after-42'), { timeout: 10_000 })
    await vi.waitFor(
      async () => {
        if (!(await leader['gate.state']({ sessionId: shellId })).ready) throw new Error('busy')
      },
      { timeout: SHELL_READY_MS },
    )
    stop()
    expect(output.join('')).not.toContain('typed-42')
  })

  it('approves, proposes and rejects only in its own name, and runs nothing', async () => {
    const carol = await joinAs('carol')
    const p = await bobProposes()
    await expect(
      carol.client['gate.approve']({
        sessionId: shellId,
        proposalId: p.id,
        hash: p.hash,
        onBehalfOf: 'bob',
      }),
    ).rejects.toMatchObject(refused)
    await expect(
      carol.client['gate.propose']({ sessionId: shellId, text: 'uptime', proposerId: 'bob' }),
    ).rejects.toMatchObject(refused)
    await expect(
      carol.client['gate.reject']({
        sessionId: shellId,
        proposalId: p.id,
        hash: p.hash,
        onBehalfOf: 'dan',
      }),
    ).rejects.toMatchObject(refused)

    // Her own approval (no key registered: unsigned) counts, as made on her own device.
    const approved = await carol.client['gate.approve']({
      sessionId: shellId,
      proposalId: p.id,
      hash: p.hash,
    })
    expect(approved.status).toBe('approved')
    expect(approved.approvals).toEqual([
      expect.objectContaining({
        personId: 'carol',
        via: 'own-device',
        recordedBy: null,
        signature: null,
      }),
    ])
    await expect(
      carol.client['gate.run']({ sessionId: shellId, proposalId: p.id, hash: p.hash }),
    ).rejects.toMatchObject(refused)
    await leader['gate.withdraw']({ sessionId: shellId, proposalId: p.id })

    const mine = await carol.client['gate.propose']({ sessionId: shellId, text: 'df -h /' })
    expect(mine).toMatchObject({
      proposerId: 'carol',
      proposerName: 'Carol',
      proposedVia: 'own-device',
    })
    await expect(
      carol.client['gate.approve']({ sessionId: shellId, proposalId: mine.id, hash: mine.hash }),
    ).rejects.toMatchObject(refused)
    await carol.client['gate.withdraw']({ sessionId: shellId, proposalId: mine.id })

    const q = await bobProposes()
    const rejected = await carol.client['gate.reject']({
      sessionId: shellId,
      proposalId: q.id,
      hash: q.hash,
      comment: 'wrong host',
    })
    expect(rejected.status).toBe('rejected')
    expect(rejected.rejection).toMatchObject({ personId: 'carol', via: 'own-device' })
  })

  it('once its browser registered a key, an unsigned approval is refused and a signed one counts', async () => {
    const carol = await joinAs('carol')
    const keys = await createSigningKey()
    const publicKey = await exportPublicKey(keys.publicKey)
    const { fingerprint } = await carol.client['participant.registerKey']({ publicKey })
    const presence = await leader['presence.list']({ incidentId: INCIDENT })
    expect(presence.find((e) => e.inviteId === carol.invite.inviteId)?.keyFingerprint).toBe(
      fingerprint,
    )

    const p = await bobProposes()
    await expect(
      carol.client['gate.approve']({ sessionId: shellId, proposalId: p.id, hash: p.hash }),
    ).rejects.toThrow(/carried no signature/)
    const signedAt = Date.now()
    const value = await signApproval(keys.privateKey, {
      personId: 'carol',
      proposalId: p.id,
      text: p.text,
      context: p.context,
      hash: p.hash,
      signedAt,
    })
    const approved = await carol.client['gate.approve']({
      sessionId: shellId,
      proposalId: p.id,
      hash: p.hash,
      signature: { signedAt, value },
    })
    expect(approved.approvals[0]).toMatchObject({
      personId: 'carol',
      via: 'own-device',
      signature: { fingerprint, publicKey, value },
    })
    await leader['gate.withdraw']({ sessionId: shellId, proposalId: p.id })
  })

  it('as an observer, watches only: no proposing, approving or rejecting', async () => {
    const observer = await joinAs('bob', 'observer')
    expect((await observer.client['terminal.list']({})).map((t) => t.sessionId)).toEqual([shellId])
    const p = await leader['gate.propose']({
      sessionId: shellId,
      text: 'uptime -p',
      proposerId: 'carol',
    })
    await expect(
      observer.client['gate.propose']({ sessionId: shellId, text: 'uptime' }),
    ).rejects.toMatchObject(refused)
    await expect(
      observer.client['gate.approve']({ sessionId: shellId, proposalId: p.id, hash: p.hash }),
    ).rejects.toMatchObject(refused)
    await expect(
      observer.client['gate.reject']({ sessionId: shellId, proposalId: p.id, hash: p.hash }),
    ).rejects.toMatchObject(refused)
    await expect(
      observer.client['gate.withdraw']({ sessionId: shellId, proposalId: p.id }),
    ).rejects.toMatchObject(refused)
    const state = await leader['gate.state']({ sessionId: shellId })
    expect(state.proposals.find((x) => x.id === p.id)).toMatchObject({
      status: 'pending',
      approvals: [],
    })
    await leader['gate.withdraw']({ sessionId: shellId, proposalId: p.id })
  })
})

describe('confirming who holds an invite link', () => {
  it('an expert’s session acts only once the leader typed back the code its page shows', async () => {
    const carol = await joinAs('carol', 'expert', false)
    expect(carol.code).toMatch(/^\d{6}$/)
    const confirmed = new Promise((resolve) => carol.client.on('session.confirmed', resolve))
    const p = await bobProposes()
    await expect(
      carol.client['gate.approve']({ sessionId: shellId, proposalId: p.id, hash: p.hash }),
    ).rejects.toThrow(/read the code on your page out to the leader/)
    await expect(
      carol.client['gate.propose']({ sessionId: shellId, text: 'uptime' }),
    ).rejects.toMatchObject(refused)
    // Watching needs nothing more.
    await expect(carol.client['gate.state']({ sessionId: shellId })).resolves.toBeDefined()

    const wrong = carol.code === '000000' ? '111111' : '000000'
    await expect(
      leader['invite.confirm']({ inviteId: carol.invite.inviteId, code: wrong }),
    ).rejects.toThrow(/not the code Carol’s page shows/)
    const spoken = `${carol.code.slice(0, 3)} ${carol.code.slice(3)}`
    await leader['invite.confirm']({ inviteId: carol.invite.inviteId, code: spoken })
    expect(await confirmed).toMatchObject({ by: 'Alice' })
    expect((await carol.client['app.info']({})).access).toMatchObject({
      confirmed: { by: 'Alice' },
    })
    const approved = await carol.client['gate.approve']({
      sessionId: shellId,
      proposalId: p.id,
      hash: p.hash,
    })
    expect(approved.status).toBe('approved')
    await leader['gate.withdraw']({ sessionId: shellId, proposalId: p.id })
  })

  it('records where the link was followed from, on the role board, the log and the approval’s label', async () => {
    const log: CommandLogEntry[] = []
    const stop = leader.on('gate.log', ({ entry }) => log.push(entry))
    const carol = await joinAs('carol')
    const presence = await leader['presence.list']({ incidentId: INCIDENT })
    const entry = presence.find((e) => e.inviteId === carol.invite.inviteId)
    expect(entry).toMatchObject({
      joinedFrom: { address: '127.0.0.1', loopback: true, thisMachine: false },
      confirmed: { by: 'Alice' },
    })
    expect(entry?.joinedFrom?.userAgent).toBeTruthy() // what fetch says it is
    const p = await bobProposes()
    const approved = await carol.client['gate.approve']({
      sessionId: shellId,
      proposalId: p.id,
      hash: p.hash,
    })
    expect(approvalLabel(approved.approvals[0]!)).toBe(
      'Carol (own device, joined on the leader’s machine or through a tunnel)',
    )
    await leader['gate.withdraw']({ sessionId: shellId, proposalId: p.id })
    await vi.waitFor(() =>
      expect(log.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['participant-joined', 'participant-confirmed', 'approved']),
      ),
    )
    stop()
    const joined = log.find((e) => e.kind === 'participant-joined')!
    expect(joined).toMatchObject({ personName: 'Carol' })
    expect(joined.note).toMatch(
      /^Carol’s expert link followed from 127\.0\.0\.1 \(the leader’s machine, or a tunnel to it\); browser: /,
    )
    expect(log.find((e) => e.kind === 'participant-confirmed')?.note).toMatch(
      /Carol read out the code their page shows, Alice typed it back; link followed from 127\.0\.0\.1/,
    )
    expect(log.find((e) => e.kind === 'approved')?.approvers).toEqual([
      'Carol (own device, joined on the leader’s machine or through a tunnel)',
    ])
  })
})

describe('invite links and their end', () => {
  it('a link works once; a used or revoked one gets 403 at /join', async () => {
    const used = await invite('carol', 'expert')
    expect((await follow(used.url)).status).toBe(303)
    expect(await follow(used.url)).toEqual({ status: 403, cookie: null })

    const revoked = await invite('carol', 'expert')
    await leader['invite.revoke']({ inviteId: revoked.inviteId })
    expect(await follow(revoked.url)).toEqual({ status: 403, cookie: null })
  })

  it('revoking closes the participant’s open socket at once, and its cookie no longer opens one', async () => {
    const carol = await joinAs('carol')
    const ended = new Promise<string>((resolve) =>
      carol.client.on('session.ended', ({ reason }) => resolve(reason)),
    )
    expect(await upgradeStatus('/rpc?as=participant', carol.cookie)).toBe('open')
    await leader['invite.revoke']({ inviteId: carol.invite.inviteId })
    expect(await ended).toMatch(/revoked/)
    expect(await carol.closed).toMatchObject({ code: 4001 })
    expect(await upgradeStatus('/rpc?as=participant', carol.cookie)).toBe(401)
    const page = await fetch(`${server.origin}/`, { headers: { cookie: carol.cookie } })
    expect(page.status).toBe(401)
  })

  it('a participant cookie never opens the leader’s socket', async () => {
    const carol = await joinAs('carol')
    expect(await upgradeStatus('/rpc', carol.cookie)).toBe(401)
  })
})

describe('the leader’s session', () => {
  it('records an approval given for someone else as said in the room, never as their own', async () => {
    const p = await bobProposes()
    const approved = await leader['gate.approve']({
      sessionId: shellId,
      proposalId: p.id,
      hash: p.hash,
      onBehalfOf: 'carol',
    })
    expect(approved.approvals).toEqual([
      expect.objectContaining({
        personId: 'carol',
        via: 'in-room',
        recordedBy: { personId: 'alice', name: 'Alice' },
        signature: null,
      }),
    ])
    await leader['gate.withdraw']({ sessionId: shellId, proposalId: p.id })

    // Nor can it bring a signature of its own making.
    const q = await bobProposes()
    await expect(
      leader['gate.approve']({
        sessionId: shellId,
        proposalId: q.id,
        hash: q.hash,
        onBehalfOf: 'carol',
        signature: { signedAt: Date.now(), value: 'AAAA' },
      }),
    ).rejects.toMatchObject(refused)
    await leader['gate.withdraw']({ sessionId: shellId, proposalId: q.id })
  })

  it('under an own-device-only policy, cannot record an approval for someone else', async () => {
    await configure(INCIDENT, { approvalSources: 'own-device' })
    try {
      const p = await bobProposes()
      await expect(
        leader['gate.approve']({
          sessionId: shellId,
          proposalId: p.id,
          hash: p.hash,
          onBehalfOf: 'carol',
        }),
      ).rejects.toThrow(/own device/)
      const carol = await joinAs('carol')
      const approved = await carol.client['gate.approve']({
        sessionId: shellId,
        proposalId: p.id,
        hash: p.hash,
      })
      expect(approved.status).toBe('approved')
      await leader['gate.withdraw']({ sessionId: shellId, proposalId: p.id })
    } finally {
      await configure(INCIDENT)
    }
  })
})
