/**
 * Review, foothold 1: bytes in the output only (a `cat` of a hostile file, a log line, a
 * remote command's output), through the real server and a real bash. `it.fails` marks an
 * attack that works on the current code (see approved-command-attacks.test.ts).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CommandLogEntry } from '../../../../src/shared/commands/gate-model'
import { startServer, type ReviewServer } from './server-fixture'

/** An OSC 133 mark with no nonce: 9 bytes that the gate counts as forged. */
const FORGED_MARK = '\u001b]133;A\u0007'

describe('output alone', () => {
  let s: ReviewServer
  afterEach(() => s?.close())

  // FINDING (high, fixed: marks out of their place in the cycle are dropped without a
  // snapshot, and snapshots are coalesced to one per 30 ms): every forged mark (any OSC 133/633/6973, no nonce needed) makes the gate
  // emit a full snapshot to every window (`changed()` after each mark, no coalescing), and
  // marks are invisible so flow control never pauses the pty. 40,000 of them (360 KB of
  // output) become tens of thousands of snapshots (each with the closed proposals and their
  // output excerpts, ~50 KB here): the host serialises them synchronously, and the leader's
  // socket passes the 32 MiB queue limit and is cut off. Any window (participants too)
  // watching the incident is hit, and a log that keeps printing them keeps doing it.
  it(
    'cannot flood the windows with snapshots and cut the leader’s socket off',
    { timeout: 60_000 },
    async () => {
      s = await startServer()
      await s.configure()
      const sessionId = await s.readyShell()
      const leader = s.leader.client
      await leader['terminal.attach']({ sessionId, controlling: true })
      const ready = () =>
        vi.waitFor(
          async () => {
            if (!(await leader['gate.state']({ sessionId })).ready) throw new Error('busy')
          },
          { timeout: 20_000, interval: 25 },
        )
      const isFinished = (proposalId: string) =>
        s.leader.events.some(
          (e) =>
            e.event === 'gate.log' &&
            (e.payload as { entry: CommandLogEntry }).entry.kind === 'finished' &&
            (e.payload as { entry: CommandLogEntry }).entry.proposalId === proposalId,
        )
      const finished = (proposalId: string) =>
        vi.waitFor(
          () => {
            if (!isFinished(proposalId)) throw new Error('running')
          },
          { timeout: 20_000, interval: 25 },
        )
      const run = async (text: string) => {
        await ready()
        const p = await leader['gate.propose']({ sessionId, text, proposerId: 'bob' })
        await leader['gate.approve']({
          sessionId,
          proposalId: p.id,
          hash: p.hash,
          onBehalfOf: 'carol',
        })
        await leader['gate.run']({ sessionId, proposalId: p.id, hash: p.hash })
        return p
      }
      // A few commands that printed a screenful each: what any incident has by then.
      for (let i = 0; i < 3; i++) await finished((await run(`seq -w 1 2000`)).id)

      writeFileSync(join(s.workDir, 'hostile.log'), FORGED_MARK.repeat(40_000))
      let cutOff: { code: number } | null = null
      void s.leader.closed.then((c) => (cutOff = c))
      const before = s.leader.events.filter((e) => e.event === 'gate.snapshot').length
      const p = await run('cat hostile.log')
      await vi.waitFor(
        () => {
          if (!cutOff && !isFinished(p.id)) throw new Error('running')
        },
        { timeout: 30_000, interval: 50 },
      )
      expect(cutOff).toBeNull()
      const snapshots = s.leader.events.filter((e) => e.event === 'gate.snapshot').length - before
      expect(snapshots).toBeLessThan(200)
    },
  )
})
