import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CommandLogEntry } from '../../../../../src/shared/commands/gate-model'
import { GATE_LOG_FILE, openGateOutbox } from '../../../../../src/main/core/log/gate-outbox'

const entry = (kind: CommandLogEntry['kind'], output: string | null = null): CommandLogEntry => ({
  kind,
  at: 1_000,
  incidentId: 'inc-1',
  proposalId: 'p-1',
  personId: null,
  personName: 'Bob',
  text: 'uptime',
  hash: 'a'.repeat(64),
  note: null,
  context: null,
  approvers: [],
  exitCode: null,
  durationMs: null,
  output,
})

const dataDir = () => mkdtempSync(join(tmpdir(), 'warroom-outbox-'))
const seqs = (entries: CommandLogEntry[]) => entries.map((e) => e.hostLog!.seq)

describe('the gate outbox', () => {
  it('forgets exactly the entry a window acknowledged, not the ones before it', () => {
    const outbox = openGateOutbox({ dataDir: dataDir(), durable: false })
    const [a, b, c] = [entry('proposed'), entry('approved'), entry('started')].map(outbox.append)
    // The window stored a, could not store b, and (wrongly or not) acknowledged c.
    outbox.ack(a!.hostLog!.logId, a!.hostLog!.seq)
    outbox.ack(c!.hostLog!.logId, c!.hostLog!.seq)
    expect(outbox.pending()).toEqual({ entries: [b], more: false })
    outbox.close()
  })

  it('ignores an acknowledgement of another log, or of an entry it does not hold', () => {
    const outbox = openGateOutbox({ dataDir: null })
    const a = outbox.append(entry('proposed'))
    outbox.ack('another-log', a.hostLog!.seq)
    outbox.ack(a.hostLog!.logId, 99)
    expect(seqs(outbox.pending().entries)).toEqual([a.hostLog!.seq])
  })

  it('keeps each acknowledgement across a restart, and goes on numbering after the last entry', () => {
    const dir = dataDir()
    const first = openGateOutbox({ dataDir: dir, durable: false })
    const [a, b, c] = [entry('proposed'), entry('approved'), entry('rejected')].map(first.append)
    first.ack(a!.hostLog!.logId, c!.hostLog!.seq)
    first.close()

    const next = openGateOutbox({ dataDir: dir, durable: false })
    expect(next.logId).toBe(a!.hostLog!.logId)
    expect(next.pending().entries).toEqual([a, b])
    expect(next.append(entry('proposed')).hostLog!.seq).toBe(c!.hostLog!.seq + 1)
    next.close()
  })

  it('reads an acknowledgement written by an earlier version as covering every entry up to it', () => {
    const dir = dataDir()
    const first = openGateOutbox({ dataDir: dir, durable: false })
    const [, b, c] = [entry('proposed'), entry('approved'), entry('rejected')].map(first.append)
    first.close()
    appendFileSync(
      join(dir, GATE_LOG_FILE),
      `${JSON.stringify({ type: 'ack', seq: b!.hostLog!.seq })}\n`,
    )

    const next = openGateOutbox({ dataDir: dir, durable: false })
    expect(next.pending().entries).toEqual([c])
    next.close()
  })

  it('answers a page at a time, oldest first, so that the answer fits in a socket frame', () => {
    const outbox = openGateOutbox({ dataDir: null, pageBytes: 3_000 })
    const appended = Array.from({ length: 5 }, () =>
      outbox.append(entry('finished', 'x'.repeat(1_000))),
    )
    const first = outbox.pending()
    expect(first.more).toBe(true)
    expect(first.entries).toEqual(appended.slice(0, 2))
    for (const e of first.entries) outbox.ack(e.hostLog!.logId, e.hostLog!.seq)
    expect(outbox.pending()).toEqual({ entries: appended.slice(2, 4), more: true })
  })

  it('still answers an entry larger than a page, alone', () => {
    const outbox = openGateOutbox({ dataDir: null, pageBytes: 500 })
    const big = outbox.append(entry('finished', 'x'.repeat(2_000)))
    outbox.append(entry('proposed'))
    expect(outbox.pending()).toEqual({ entries: [big], more: true })
  })

  it('keeps the default page well under the 8 MiB frame with entries of the largest output', () => {
    const outbox = openGateOutbox({ dataDir: null })
    for (let i = 0; i < 200; i++) outbox.append(entry('finished', 'é'.repeat(16_000)))
    const page = outbox.pending()
    expect(page.more).toBe(true)
    expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(2 * 1024 * 1024)
  })

  it('writes each acknowledgement as one line naming its entry', () => {
    const dir = dataDir()
    const outbox = openGateOutbox({ dataDir: dir, durable: false })
    const a = outbox.append(entry('proposed'))
    outbox.ack(a.hostLog!.logId, a.hostLog!.seq)
    outbox.ack(a.hostLog!.logId, a.hostLog!.seq) // again: nothing more written
    outbox.close()
    const lines = readFileSync(join(dir, GATE_LOG_FILE), 'utf8').trim().split('\n')
    expect(lines.map((l) => JSON.parse(l) as { type: string })).toEqual([
      expect.objectContaining({ type: 'header' }),
      expect.objectContaining({ type: 'entry' }),
      { type: 'acked', seq: a.hostLog!.seq },
    ])
  })
})
