import type { CommandLogRow } from '../../shared/commands/command-log'
import { GENESIS_HASH, hashLink } from '../../shared/commands/hash-chain'
import type { CommandLogEntry } from '../../shared/commands/gate-model'
import type { RecordChange } from '../../shared/incident/change'
import type { TimelineEvent } from '../../shared/incident/model'
import type { StoredAppends } from '../../shared/incident/record'
import { WarRoomDatabase } from './database'

const strictInstances = new WeakMap<WarRoomDatabase, WarRoomDatabase>()

/**
 * The same database, opened with strict durability: a transaction completes only once
 * the disk has it. Used for the command log, which must survive a power cut.
 */
export function strict(db: WarRoomDatabase): WarRoomDatabase {
  let instance = strictInstances.get(db)
  if (!instance) {
    instance = new WarRoomDatabase(db.name, { chromeTransactionDurability: 'strict' })
    strictInstances.set(db, instance)
  }
  return instance
}

/**
 * The incident's last command-log row, and whether the incident's log already holds `entry`
 * (by its place in the host's gate log: delivered again, or stored by another window first).
 * Windows store a log's entries in its order, so the search walks back from the newest row
 * only as far as the first row of the same log at or before that place.
 */
async function findStored(
  db: WarRoomDatabase,
  entry: CommandLogEntry,
): Promise<{ last: CommandLogRow | undefined; stored: boolean }> {
  const newestFirst = () => db.commandLog.where('incidentId').equals(entry.incidentId).reverse()
  const incoming = entry.hostLog
  if (!incoming) return { last: await newestFirst().first(), stored: false }
  let last: CommandLogRow | undefined
  let stored = false
  const sameLog = (row: CommandLogRow) => {
    const at = row.payload.hostLog
    return at?.logId === incoming.logId ? at.seq : null
  }
  await newestFirst()
    .until((row) => (sameLog(row) ?? Infinity) <= incoming.seq, true)
    .each((row) => {
      last ??= row
      stored ||= sameLog(row) === incoming.seq
    })
  return { last, stored }
}

/**
 * Appends to an incident's command log, chained to the entry before it (same transaction).
 * Null when the entry is already there: the host delivers an entry again until a window
 * acknowledges it, and several windows store what it sends.
 */
async function appendCommandLog(
  db: WarRoomDatabase,
  entry: CommandLogEntry,
): Promise<CommandLogRow | null> {
  const { last, stored } = await findStored(db, entry)
  if (stored) return null
  const prevHash = last?.hash ?? GENESIS_HASH
  const row: CommandLogRow = {
    incidentId: entry.incidentId,
    payload: entry,
    prevHash,
    hash: hashLink(entry, prevHash),
  }
  return { ...row, seq: await db.commandLog.add(row) }
}

/**
 * Commits changes and their events in ONE transaction (IndexedDB costs about a
 * millisecond per transaction whatever its size): either all of it is saved or none.
 * Resolves with the events and command-log rows as stored (with their sequence numbers
 * and hashes), for the screen's copy of the record.
 */
export async function commitChanges(
  db: WarRoomDatabase,
  batch: readonly RecordChange[],
): Promise<StoredAppends> {
  const tables = new Set<string>(['events'])
  for (const change of batch) for (const c of change.changes) tables.add(c.table)
  if (batch.some((change) => change.pins?.length)) tables.add('pins')
  const logsCommands = batch.some((change) => change.commandLog?.length)
  if (logsCommands) {
    tables.add('commandLog')
    db = strict(db)
  }
  return db.transaction('rw', [...tables], async () => {
    const events: TimelineEvent[] = []
    const commandLog: CommandLogRow[] = []
    for (const change of batch) {
      for (const { table, put, remove } of change.changes) {
        if (put?.length) await db.table(table).bulkPut(put as object[])
        if (remove?.length) await db.table(table).bulkDelete(remove as string[])
      }
      let logged = !change.commandLog?.length
      for (const entry of change.commandLog ?? []) {
        const row = await appendCommandLog(db, entry)
        if (row) commandLog.push(row)
        logged = row !== null || logged
      }
      // A gate entry stored before (delivered again) gets no second timeline line either.
      if (!logged) continue
      for (const pin of change.pins ?? []) {
        if (pin.pinned)
          await db.pins.put({ incidentId: pin.incidentId, seq: pin.seq, pinnedAt: pin.at })
        else await db.pins.delete([pin.incidentId, pin.seq])
      }
      for (const event of change.events) {
        const seq = await db.events.add(event as TimelineEvent)
        events.push({ ...event, seq })
      }
    }
    return { events, commandLog }
  })
}
