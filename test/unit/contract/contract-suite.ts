/**
 * One suite, run through every bridge (in-memory IPC pair, real WebSocket server): what
 * the renderer sees must not depend on which shell hosts the core.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventPayload, HostClient } from '../../../src/shared/contract'
import type { CommandLogEntry } from '../../../src/shared/commands/gate-model'
import { DEFAULT_POLICY } from '../../../src/shared/commands/gate-model'

export interface BridgeUnderTest {
  client: HostClient
  /** Ends the renderer side (window destroyed / socket closed). */
  disconnect(): Promise<void>
  /** Number of live host connections, to check that a disconnect is noticed. */
  connectionCount(): number
  close(): Promise<void>
}

function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = probe()
      if (value !== undefined) return resolve(value)
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out waiting'))
      setTimeout(tick, 20)
    }
    tick()
  })
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const roster = [
  { personId: 'bob', name: 'Bob', roles: ['operational-expert' as const] },
  { personId: 'carol', name: 'Carol', roles: ['operational-expert' as const] },
]

/** Proposes, approves (as someone else) and runs a command; resolves with its log entry. */
async function runApproved(client: HostClient, sessionId: string, text: string) {
  const log: CommandLogEntry[] = []
  const off = client.on('gate.log', ({ entry }) => log.push(entry))
  let integrated = false
  const offSnapshot = client.on('gate.snapshot', (s) => (integrated ||= s.integrated))
  await client['gate.configure']({ sessionId, incidentId: 'inc-1', roster, policy: DEFAULT_POLICY })
  // The shell integration reports the first prompt (and its context) once the shell is up.
  await waitFor(() => (integrated ? true : undefined))
  const proposal = await client['gate.propose']({ sessionId, text, proposerId: 'bob' })
  await client['gate.approve']({
    sessionId,
    proposalId: proposal.id,
    personId: 'carol',
    hash: proposal.hash,
  })
  await client['gate.run']({
    sessionId,
    proposalId: proposal.id,
    personId: 'bob',
    hash: proposal.hash,
  })
  const finished = await waitFor(() => log.find((e) => e.kind === 'finished'))
  off()
  offSnapshot()
  return finished
}

export function contractSuite(name: string, open: () => Promise<BridgeUnderTest>): void {
  describe(`contract over ${name}`, () => {
    let bridge: BridgeUnderTest
    beforeEach(async () => {
      bridge = await open()
    })
    afterEach(async () => {
      await bridge.close()
    })

    it('answers app.info', async () => {
      const info = await bridge.client['app.info']({})
      expect(info.name).toBe('War Room')
      expect(info.defaultShell).toMatch(/bash/)
    })

    it('runs an approved command in a real shell, streams its output and logs its exit', async () => {
      let output = ''
      bridge.client.on('terminal.data', ({ data }) => (output += data))
      const session = await bridge.client['terminal.create']({ cols: 80, rows: 24 })
      const entry = await runApproved(bridge.client, session.sessionId, 'echo "sum=$((40 + 2))"')
      expect(output).toContain('sum=42')
      expect(entry).toMatchObject({ exitCode: 0, approvers: ['Carol'], output: 'sum=42' })
      // The integration's marks never reach the screen.
      expect(output).not.toContain('\u001b]133;')
      expect(output).not.toContain('\u001b]6973;')
    })

    it('refuses keystrokes typed at the prompt, but not Ctrl-C', async () => {
      const { sessionId } = await bridge.client['terminal.create']({ cols: 80, rows: 24 })
      const refused = await bridge.client['terminal.write']({ sessionId, data: 'id\r' })
      expect(refused.refused).toBe('id\r')
      expect(refused.reason).toMatch(/proposed and approved/)
      const interrupt = await bridge.client['terminal.write']({ sessionId, data: '\u0003' })
      expect(interrupt.refused).toBeNull()
    })

    it('resizes the pty', async () => {
      let output = ''
      bridge.client.on('terminal.data', ({ data }) => (output += data))
      const { sessionId } = await bridge.client['terminal.create']({ cols: 80, rows: 24 })
      await bridge.client['terminal.resize']({ sessionId, cols: 101, rows: 33 })
      await runApproved(bridge.client, sessionId, 'stty size')
      expect(output).toContain('33 101')
    })

    it('kills a session and reports its exit', async () => {
      const exits: Array<EventPayload<'terminal.exit'>> = []
      bridge.client.on('terminal.exit', (payload) => exits.push(payload))
      const session = await bridge.client['terminal.create']({ cols: 80, rows: 24 })
      await bridge.client['terminal.kill']({ sessionId: session.sessionId })
      const exit = await waitFor(() => exits.find((e) => e.sessionId === session.sessionId))
      expect(exit.signal ?? exit.exitCode).not.toBe(0)
      await waitFor(() => (processAlive(session.pid) ? undefined : true))
    })

    it('refuses input that does not match the contract', async () => {
      const bad = bridge.client['terminal.create'] as (input: unknown) => Promise<unknown>
      await expect(bad({ cols: 0, rows: 24 })).rejects.toThrow(/bad-request/)
      await expect(bad({ cols: 80, rows: 24, shell: '/bin/sh' })).rejects.toThrow(/bad-request/)
      await expect(
        bridge.client['terminal.write']({ sessionId: 'nope', data: 'x' }),
      ).rejects.toBeInstanceOf(Error)
      await expect(
        bridge.client['terminal.create']({ cols: 80, rows: 24, cwd: '/definitely/not/here' }),
      ).rejects.toThrow(/not a directory/)
    })

    it('kills the terminals of a renderer that goes away', async () => {
      const session = await bridge.client['terminal.create']({ cols: 80, rows: 24 })
      expect(processAlive(session.pid)).toBe(true)
      expect(bridge.connectionCount()).toBe(1)
      await bridge.disconnect()
      await waitFor(() => (processAlive(session.pid) ? undefined : true))
      await waitFor(() => (bridge.connectionCount() === 0 ? true : undefined))
    })
  })
}
