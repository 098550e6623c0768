import { verifyChainAsync, type ChainVerdict } from '../../shared/commands/hash-chain'
import type { CommandLogRow } from '../../shared/commands/command-log'
import type { WarRoomDatabase } from './database'

export async function readCommandLog(
  db: WarRoomDatabase,
  incidentId: string,
): Promise<CommandLogRow[]> {
  return db.commandLog.where('incidentId').equals(incidentId).sortBy('seq')
}

/** Re-computes every link of an incident's command log: an edited or deleted entry shows. */
export async function verifyCommandLog(
  db: WarRoomDatabase,
  incidentId: string,
): Promise<ChainVerdict> {
  return verifyChainAsync(await readCommandLog(db, incidentId))
}
