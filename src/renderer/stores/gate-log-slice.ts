import type { StateCreator } from 'zustand'
import { commandLogChange } from '../../shared/commands/command-log'
import { describeLogVerdict, verifyCommandLogRows } from '../../shared/commands/command-log-verdict'
import type { CommandLogEntry } from '../../shared/commands/gate-model'
import { readCommandLog } from '../db/command-log-reader'
import { createGateLogQueue, type StoreOutcome } from './gate-log-queue'
import type { HostSlice } from './host-slice'
import type { RecordSlice } from './record-slice'

export interface GateLogSlice {
  /** A gate-log entry from the host: stored in log order (once), then acknowledged. */
  commandLogged(entry: CommandLogEntry): Promise<void>
  /** Stores what the host recorded while no window was storing it (after a reload, a crash). */
  catchUpCommandLog(): Promise<void>
  /** Retry saving stored the entry that had failed: store what follows it, in order. */
  resumeCommandLog(): Promise<void>
  /** Checks the open incident's command log (hash chain and signatures), for people. */
  verifyCommandLog(): Promise<string>
}

/**
 * The leader's windows copy the host's gate log into the incident record, in log order
 * (./gate-log-queue.ts): what the host still holds first, then live entries; each entry is
 * acknowledged after its transaction committed, and an entry that could not be stored stops
 * the queue (it waits in the Retry queue, the banner shows) until Retry saving stores it.
 */
export const createGateLogSlice: StateCreator<
  HostSlice & RecordSlice & GateLogSlice,
  [],
  [],
  GateLogSlice
> = (_set, get) => {
  const queue = createGateLogQueue({
    ready: () => {
      const { host, db, appInfo } = get()
      return !!host && !!db && appInfo?.access.role === 'leader'
    },
    async store(entry): Promise<StoreOutcome> {
      if (!entry.incidentId) return { stored: true } // nothing of an incident's to keep
      const change = commandLogChange(entry)
      if (await get().commitChange(change)) return { stored: true }
      return { stored: false, stillWaiting: () => get().unsaved.includes(change) }
    },
    ack: async (position) => {
      await get().host?.['gate.ackLog']({ logId: position.logId, seq: position.seq })
    },
    pending: async () => {
      const host = get().host
      if (!host) throw new Error('no host')
      return host['gate.pendingLog']({})
    },
  })

  return {
    commandLogged: (entry) => queue.deliver(entry),
    catchUpCommandLog: () => queue.catchUp(),
    resumeCommandLog: () => queue.resume(),
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
  }
}
