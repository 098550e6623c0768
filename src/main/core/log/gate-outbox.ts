/**
 * The gate's outbox: every gate-log entry is appended to a file in the host's data directory
 * and fsynced before it counts as recorded, then delivered to the leader's windows, which
 * store it in IndexedDB and acknowledge it. Entries not yet acknowledged are delivered again
 * when a window connects, so none is lost while no window is there (a reload, a crashed
 * browser). After a crash of the host itself, the file still holds the last entries, and a
 * command that was running then is recorded as ended by "host stopped" at the next start.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { CommandLogEntry } from '../../../shared/commands/gate-model'

export const GATE_LOG_FILE = 'gate-log.jsonl'

type Line =
  | { type: 'header'; logId: string; createdAt: number }
  | { type: 'entry'; entry: CommandLogEntry }
  | { type: 'ack'; seq: number }

export interface GateOutbox {
  readonly logId: string
  /** Where the log is kept (null: memory only, when the data directory cannot be written). */
  readonly file: string | null
  /** Records an entry (durably) and returns it with its place in the log. */
  append(entry: CommandLogEntry): CommandLogEntry
  /** The leader's window stored every entry up to `seq`. */
  ack(logId: string, seq: number): void
  /** Entries recorded but not yet acknowledged, in order. */
  pending(): CommandLogEntry[]
  close(): void
}

function readLines(file: string): { lines: Line[]; goodBytes: number } {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return { lines: [], goodBytes: 0 }
  }
  const lines: Line[] = []
  let goodBytes = 0
  for (const raw of text.split('\n')) {
    const consumed = Buffer.byteLength(raw, 'utf8') + 1
    if (!raw) {
      goodBytes += consumed
      continue
    }
    try {
      lines.push(JSON.parse(raw) as Line)
      goodBytes += consumed
    } catch {
      break // a line cut short by a crash: what follows it is not trusted either
    }
  }
  return { lines, goodBytes: Math.min(goodBytes, Buffer.byteLength(text, 'utf8')) }
}

/**
 * Opens (or starts) the gate log in `dataDir`. `onRecovered` receives the entries made at
 * start for commands that were running when the host last stopped.
 */
export function openGateOutbox(options: {
  dataDir: string | null
  now?: () => number
  /** fsync each entry (off only in tests that measure nothing about durability). */
  durable?: boolean
}): GateOutbox {
  const now = options.now ?? Date.now
  const durable = options.durable ?? true
  const file = options.dataDir ? join(options.dataDir, GATE_LOG_FILE) : null
  const unacked: CommandLogEntry[] = []
  let logId: string = randomUUID()
  let seq = 0
  let fd: number | null = null

  const running = new Map<string, CommandLogEntry>()
  const track = (entry: CommandLogEntry) => {
    if (!entry.proposalId) return
    if (entry.kind === 'started') running.set(entry.proposalId, entry)
    if (entry.kind === 'finished') running.delete(entry.proposalId)
  }

  const write = (line: Line, sync: boolean) => {
    if (fd === null) return
    writeSync(fd, `${JSON.stringify(line)}\n`)
    if (sync && durable) fsyncSync(fd)
  }

  if (file) {
    try {
      const { lines, goodBytes } = readLines(file)
      fd = openSync(file, 'a+', 0o600)
      ftruncateSync(fd, goodBytes)
      const header = lines.find((l): l is Extract<Line, { type: 'header' }> => l.type === 'header')
      if (header) logId = header.logId
      else write({ type: 'header', logId, createdAt: now() }, true)
      let acked = 0
      for (const line of lines) {
        if (line.type === 'ack') acked = Math.max(acked, line.seq)
        if (line.type !== 'entry') continue
        seq = Math.max(seq, line.entry.hostLog?.seq ?? 0)
        unacked.push(line.entry)
        track(line.entry)
      }
      unacked.splice(0, unacked.length, ...unacked.filter((e) => (e.hostLog?.seq ?? 0) > acked))
    } catch {
      if (fd !== null) closeSync(fd)
      fd = null // not writable: the host still runs, entries are delivered from memory
    }
  }

  const outbox: GateOutbox = {
    get logId() {
      return logId
    },
    file: fd === null ? null : file,
    append(entry) {
      const recorded: CommandLogEntry = { ...entry, hostLog: { logId, seq: ++seq } }
      write({ type: 'entry', entry: recorded }, true)
      unacked.push(recorded)
      track(recorded)
      return recorded
    },
    ack(ackedLogId, upTo) {
      if (ackedLogId !== logId) return
      const before = unacked.length
      while (unacked.length && (unacked[0]!.hostLog?.seq ?? 0) <= upTo) unacked.shift()
      if (unacked.length !== before) write({ type: 'ack', seq: upTo }, false)
    },
    pending() {
      return [...unacked]
    },
    close() {
      if (fd !== null) closeSync(fd)
      fd = null
    },
  }

  // Commands that were running when the host last stopped: their end is not known.
  for (const started of [...running.values()]) {
    outbox.append({
      ...started,
      kind: 'finished',
      at: now(),
      note: 'host stopped while the command ran: whether it completed is not known',
      exitCode: null,
      durationMs: null,
      output: null,
      hostLog: null,
    })
  }
  return outbox
}
