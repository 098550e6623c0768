import type { StateCreator } from 'zustand'
import { commandLogChange } from '../../shared/commands/command-log'
import { describeLogVerdict, verifyCommandLogRows } from '../../shared/commands/command-log-verdict'
import type { CommandLogEntry } from '../../shared/commands/gate-model'
import { readCommandLog } from '../db/command-log-reader'
import type { HostSlice } from './host-slice'
import type { RecordSlice } from './record-slice'

export interface GateLogSlice {
  /** A gate-log entry from the host: stored in order (once), then acknowledged. */
  commandLogged(entry: CommandLogEntry): Promise<void>
  /** Stores what the host recorded while no window was storing it (after a reload, a crash). */
  catchUpCommandLog(): Promise<void>
  /** Checks the open incident's command log (hash chain and signatures), for people. */
  verifyCommandLog(): Promise<string>
}

/**
 * The leader's windows copy the host's gate log into the incident record. The host keeps
 * every entry (fsynced) until a window says it is stored; entries are stored one after the
 * other, each only once (the database skips one it already has), and acknowledged only
 * after the transaction committed. An entry that could not be stored is not acknowledged:
 * the host delivers it again.
 */
export const createGateLogSlice: StateCreator<
  HostSlice & RecordSlice & GateLogSlice,
  [],
  [],
  GateLogSlice
> = (_set, get) => {
  let queue: Promise<void> = Promise.resolve()

  const store = async (entry: CommandLogEntry) => {
    // Before the record is open, leave it to the catch-up that follows opening it.
    if (!entry.incidentId || !get().db) return
    const stored = await get().commitChange(commandLogChange(entry))
    const position = entry.hostLog
    if (!stored || !position) return
    await get()
      .host?.['gate.ackLog']({ logId: position.logId, seq: position.seq })
      .catch(() => {}) // unacknowledged: delivered again, stored once
  }

  const enqueue = (entries: CommandLogEntry[]) => {
    queue = queue.then(async () => {
      for (const entry of entries) await store(entry)
    })
    return queue
  }

  return {
    commandLogged: (entry) => enqueue([entry]),
    async verifyCommandLog() {
      const { db, record } = get()
      if (!db || !record) return 'The incident record is not open.'
      try {
        const rows = await readCommandLog(db, record.incident.id)
        return describeLogVerdict(await verifyCommandLogRows(rows))
      } catch (error) {
        return `Could not read the command log: ${error instanceof Error ? error.message : String(error)}`
      }
    },
    async catchUpCommandLog() {
      const { host, db, appInfo } = get()
      if (!host || !db || appInfo?.access.role !== 'leader') return
      const pending = await host['gate.pendingLog']({}).catch(() => [])
      await enqueue(pending)
    },
  }
}
