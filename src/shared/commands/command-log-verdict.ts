/**
 * Checking a command log as a whole: its hash chain (nothing edited, removed or reordered)
 * and every signed approval in it (each made by its key, for exactly that command). Pure and
 * platform-neutral (WebCrypto): the app's Verify button, the JSON import and anyone holding
 * an exported file use the same check.
 */
import type { CommandLogRow } from './command-log'
import { verifyLogSignatures, type SignatureVerdict } from './approval-signature'
import { verifyChainAsync, type ChainVerdict } from './hash-chain'

export interface CommandLogVerdict {
  chain: ChainVerdict
  signatures: SignatureVerdict
}

export async function verifyCommandLogRows(
  rows: readonly CommandLogRow[],
): Promise<CommandLogVerdict> {
  const [chain, signatures] = await Promise.all([
    verifyChainAsync(rows),
    verifyLogSignatures(rows.map((row) => row.payload)),
  ])
  return { chain, signatures }
}

export function describeLogVerdict({ chain, signatures }: CommandLogVerdict): string {
  if (!chain.intact) return `Command log TAMPERED: entry ${chain.brokenAt + 1} ${chain.reason}`
  if (!signatures.ok) {
    return `Command log: signed approval in entry ${signatures.badAt + 1} does not verify (${signatures.reason})`
  }
  const signed = signatures.signed
    ? `, ${signatures.signed} signed approval${signatures.signed === 1 ? '' : 's'} verified`
    : ''
  return `Command log intact (${chain.length} entries, hash chain verified${signed})`
}
