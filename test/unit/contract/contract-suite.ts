/**
 * One suite, run through every bridge (in-memory Electron IPC pair, real WebSocket server):
 * what the renderer sees must not depend on which shell hosts the core. It covers the host
 * lifecycle both shells share: a window that goes away leaves its shell and its running
 * command alive; a window that comes back finds them, with the screen replayed and every
 * gate-log entry still to be stored.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CommandLogEntry } from '../../../src/shared/commands/gate-model'
import { DEFAULT_POLICY } from '../../../src/shared/commands/gate-model'
import type { HostClient } from '../../../src/shared/contract'

export interface BridgeUnderTest {
  client: HostClient
  /** Ends the renderer side (window destroyed / socket closed). */
  disconnect(): Promise<void>
  /** A new window on the same host (a reload, a relaunched browser). */
  reconnect(): Promise<HostClient>
  /** Number of live host connections, to check that a disconnect is noticed. */
  connectionCount(): number
  /** Where the shells start (a folder of this test's own). */
  workDir: string
  close(): Promise<void>
}

const INCIDENT = 'inc-1'
const roster = [
  { personId: 'alice', name: 'Alice', roles: ['incident-leader' as const] },
  { personId: 'bob', name: 'Bob', roles: ['operational-expert' as const] },
  { personId: 'carol', name: 'Carol', roles: ['operational-expert' as const] },
]

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Output of a window, by shell, as text (a replay replaces what was there). */
function collectOutput(client: HostClient) {
  const text = new Map<string, string>()
  const decoder = new TextDecoder()
  client.on('terminal.data', ({ sessionId, data, replay }) => {
    const chunk = decoder.decode(data)
    text.set(sessionId, replay ? chunk : (text.get(sessionId) ?? '') + chunk)
  })
  return (sessionId: string) => text.get(sessionId) ?? ''
}

function collectLog(client: HostClient) {
  const log: CommandLogEntry[] = []
  client.on('gate.log', ({ entry }) => log.push(entry))
  return log
}

async function configure(client: HostClient) {
  await client['incident.configure']({
    incidentId: INCIDENT,
    title: 'Checkout API returns 500s',
    roster,
    policy: DEFAULT_POLICY,
    operatorId: 'alice',
  })
}

async function shellAtPrompt(client: HostClient): Promise<string> {
  const { sessionId } = await client['terminal.create']({
    incidentId: INCIDENT,
    cols: 80,
    rows: 24,
  })
  await client['terminal.attach']({ sessionId, controlling: true })
  await vi.waitFor(
    async () => expect((await client['gate.state']({ sessionId })).ready).toBe(true),
    {
      timeout: 15_000,
      interval: 20,
    },
  )
  return sessionId
}

/** Proposes (Bob, in the room), approves (Carol, in the room) and runs a command. */
async function runApproved(client: HostClient, sessionId: string, text: string) {
  const proposal = await client['gate.propose']({ sessionId, text, proposerId: 'bob' })
  await client['gate.approve']({
    sessionId,
    proposalId: proposal.id,
    hash: proposal.hash,
    onBehalfOf: 'carol',
  })
  await client['gate.run']({ sessionId, proposalId: proposal.id, hash: proposal.hash })
  return proposal
}

const finishedIn = (log: CommandLogEntry[], proposalId: string, timeout = 15_000) =>
  vi.waitFor(
    () => {
      const entry = log.find((e) => e.kind === 'finished' && e.proposalId === proposalId)
      if (!entry) throw new Error('not finished')
      return entry
    },
    { timeout, interval: 20 },
  )

export function contractSuite(name: string, open: () => Promise<BridgeUnderTest>): void {
  describe(`contract over ${name}`, () => {
    let bridge: BridgeUnderTest
    beforeEach(async () => {
      bridge = await open()
      await configure(bridge.client)
    })
    afterEach(async () => {
      await bridge.close()
    })

    it('answers app.info as the leader’s session', async () => {
      const info = await bridge.client['app.info']({})
      expect(info.name).toBe('War Room')
      expect(info.defaultShell).toMatch(/bash/)
      expect(info.access).toEqual({ role: 'leader' })
    })

    it('runs an approved command in a real shell, streams its output as bytes and logs its exit', async () => {
      const output = collectOutput(bridge.client)
      const log = collectLog(bridge.client)
      const sessionId = await shellAtPrompt(bridge.client)
      const p = await runApproved(bridge.client, sessionId, 'echo "sum=$((40 + 2))" "ünï"')
      const entry = await finishedIn(log, p.id)
      expect(output(sessionId)).toContain('sum=42 ünï')
      expect(entry).toMatchObject({
        exitCode: 0,
        approvers: ['Carol (in the room, recorded by Alice)'],
        output: 'sum=42 ünï',
      })
      expect(entry.hostLog?.seq).toBeGreaterThan(0)
      // The integration's marks never reach the screen.
      expect(output(sessionId)).not.toContain('\u001b]6973;')
    })

    it('refuses keystrokes typed at the prompt, but not Ctrl-C', async () => {
      const sessionId = await shellAtPrompt(bridge.client)
      const refused = await bridge.client['terminal.write']({ sessionId, data: 'id\r' })
      expect(refused.refused).toBe('id\r')
      expect(refused.reason).toMatch(/proposed and approved/)
      const interrupt = await bridge.client['terminal.write']({ sessionId, data: '\u0003' })
      expect(interrupt.refused).toBeNull()
    })

    it('resizes the pty', async () => {
      const output = collectOutput(bridge.client)
      const log = collectLog(bridge.client)
      const sessionId = await shellAtPrompt(bridge.client)
      await bridge.client['terminal.resize']({ sessionId, cols: 101, rows: 33 })
      await finishedIn(log, (await runApproved(bridge.client, sessionId, 'stty size')).id)
      expect(output(sessionId)).toContain('33 101')
    })

    it('refuses input that does not match the contract', async () => {
      const bad = bridge.client['terminal.create'] as (input: unknown) => Promise<unknown>
      await expect(bad({ incidentId: INCIDENT, cols: 0, rows: 24 })).rejects.toThrow(/bad-request/)
      await expect(
        bad({ incidentId: INCIDENT, cols: 80, rows: 24, shell: '/bin/sh' }),
      ).rejects.toThrow(/bad-request/)
      await expect(
        bridge.client['terminal.write']({ sessionId: 'nope', data: 'x' }),
      ).rejects.toBeInstanceOf(Error)
      await expect(
        bridge.client['terminal.create']({
          incidentId: INCIDENT,
          cols: 80,
          rows: 24,
          cwd: '/definitely/not/here',
        }),
      ).rejects.toThrow(/not a directory/)
    })

    it('a window that goes away leaves its shell and running command alive; the next one reattaches with the screen and the log', async () => {
      const firstOutput = collectOutput(bridge.client)
      const sessionId = await shellAtPrompt(bridge.client)
      const marker = join(bridge.workDir, 'survived')
      const p = await runApproved(
        bridge.client,
        sessionId,
        `echo started; sleep 1.5; touch ${marker}`,
      )
      await vi.waitFor(() => expect(firstOutput(sessionId)).toMatch(/\rstarted\r\n/))
      const pid = (await bridge.client['terminal.list']({}))[0]!.pid
      await bridge.disconnect()
      await vi.waitFor(() => expect(bridge.connectionCount()).toBe(0))
      expect(processAlive(pid)).toBe(true)

      const next = await bridge.reconnect()
      const output = collectOutput(next)
      const sessions = await next['terminal.list']({})
      expect(sessions.map((s) => s.sessionId)).toEqual([sessionId])
      await next['terminal.attach']({ sessionId, controlling: true })
      // The screen comes back before the answer: the command's echo is in the replay.
      expect(output(sessionId)).toMatch(/\rstarted\r\n/)
      await vi.waitFor(() => expect(existsSync(marker)).toBe(true), { timeout: 10_000 })
      // Everything the gate recorded while no window was there is still to be stored.
      const pending = await vi.waitFor(
        async () => {
          const { entries } = await next['gate.pendingLog']({})
          if (!entries.some((e) => e.kind === 'finished')) throw new Error('not yet')
          return entries
        },
        { timeout: 10_000, interval: 50 },
      )
      expect(pending.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['proposed', 'approved', 'started', 'finished']),
      )
      expect(pending.find((e) => e.kind === 'finished')).toMatchObject({
        proposalId: p.id,
        exitCode: 0,
      })
      // An acknowledged entry is not delivered again (each entry is acknowledged on its own).
      for (const { hostLog } of pending) await next['gate.ackLog'](hostLog!)
      expect(await next['gate.pendingLog']({})).toEqual({ entries: [], more: false })
    })

    it('closing a terminal asks while a command runs; ending it records the command as ended', async () => {
      const log = collectLog(bridge.client)
      const sessionId = await shellAtPrompt(bridge.client)
      const pid = (await bridge.client['terminal.list']({}))[0]!.pid
      const p = await runApproved(bridge.client, sessionId, 'sleep 30')
      await vi.waitFor(async () =>
        expect((await bridge.client['gate.state']({ sessionId })).keysPass).toBe(true),
      )
      await expect(bridge.client['terminal.kill']({ sessionId })).rejects.toThrow(/confirm/)
      expect(processAlive(pid)).toBe(true)
      await bridge.client['terminal.kill']({ sessionId, force: true })
      const entry = await finishedIn(log, p.id)
      expect(entry.note).toMatch(/terminal was closed/)
      await vi.waitFor(() => expect(processAlive(pid)).toBe(false), { timeout: 10_000 })
    })
  })
}
