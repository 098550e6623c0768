/**
 * The gate's outbox: every gate-log entry is appended to a file in the host's data directory
 * and fsynced before it counts as recorded, then delivered to the leader's windows, which
 * store it in IndexedDB and acknowledge it. Entries not yet acknowledged are delivered again
 * when a window connects, so none is lost while no window is there (a reload, a crashed
 * browser). After a crash of the host itself, the file still holds the last entries, and a
 * command that was running then is recorded as ended by "host stopped" at the next start.
 *
 * An acknowledgement names one entry, which the outbox then forgets (and no other): a window
 * that could not store an entry leaves it here, whatever it stored after it.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { CommandLogEntry } from '../../../shared/commands/gate-model'

export const GATE_LOG_FILE = 'gate-log.jsonl'

/**
 * 1 MiB of entries per `gate.pendingLog` answer: far under the browser shell's 8 MiB frame
 * (an entry holds at most ~16 K characters of output and the command's text), yet dozens of
 * entries a round trip.
 */
export const PENDING_PAGE_BYTES = 1024 * 1024

type Line =
  | { type: 'header'; logId: string; createdAt: number }
  | { type: 'entry'; entry: CommandLogEntry }
  /** Written by earlier versions: every entry up to `seq` was stored. */
  | { type: 'ack'; seq: number }
  /** The entry at `seq` was stored (and only that one). */
  | { type: 'acked'; seq: number }

/** The oldest entries still to be stored, and whether more wait behind them. */
export interface PendingPage {
  entries: CommandLogEntry[]
  more: boolean
}

export interface GateOutbox {
  readonly logId: string
  /** Where the log is kept (null: memory only, when the data directory cannot be written). */
  readonly file: string | null
  /** Records an entry (durably) and returns it with its place in the log. */
  append(entry: CommandLogEntry): CommandLogEntry
  /** A leader's window stored the entry at `seq`: it is not delivered again. */
  ack(logId: string, seq: number): void
  /** The oldest entries recorded but not yet acknowledged, in order, a page at a time. */
  pending(): PendingPage
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

/** An entry waiting for its acknowledgement, with its size as the answer would carry it. */
interface Waiting {
  entry: CommandLogEntry
  bytes: number
}

const waiting = (entry: CommandLogEntry): Waiting => ({
  entry,
  bytes: Buffer.byteLength(JSON.stringify(entry), 'utf8'),
})

/**
 * Opens (or starts) the gate log in `dataDir`. Commands that were running when the host last
 * stopped are recorded at once as ended by the stop.
 */
export function openGateOutbox(options: {
  dataDir: string | null
  now?: () => number
  /** fsync each entry (off only in tests that measure nothing about durability). */
  durable?: boolean
  /** Bytes of entries per `pending()` page (tests make it small). */
  pageBytes?: number
}): GateOutbox {
  const now = options.now ?? Date.now
  const durable = options.durable ?? true
  const pageBytes = options.pageBytes ?? PENDING_PAGE_BYTES
  const file = options.dataDir ? join(options.dataDir, GATE_LOG_FILE) : null
  /** By seq; appended in increasing order, so iteration is log order. */
  const unacked = new Map<number, Waiting>()
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
      for (const line of lines) {
        if (line.type === 'ack') {
          for (const s of unacked.keys()) if (s <= line.seq) unacked.delete(s)
        } else if (line.type === 'acked') {
          unacked.delete(line.seq)
        } else if (line.type === 'entry') {
          const at = line.entry.hostLog?.seq ?? 0
          seq = Math.max(seq, at)
          unacked.set(at, waiting(line.entry))
          track(line.entry)
        }
      }
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
      unacked.set(seq, waiting(recorded))
      track(recorded)
      return recorded
    },
    ack(ackedLogId, at) {
      if (ackedLogId !== logId || !unacked.delete(at)) return
      // Not fsynced: an acknowledgement lost in a crash only delivers the entry once more.
      write({ type: 'acked', seq: at }, false)
    },
    pending() {
      const entries: CommandLogEntry[] = []
      let bytes = 0
      for (const { entry, bytes: size } of unacked.values()) {
        // Always at least one entry, so that the window gets past even a very large one.
        if (entries.length > 0 && bytes + size > pageBytes) return { entries, more: true }
        entries.push(entry)
        bytes += size
      }
      return { entries, more: false }
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
