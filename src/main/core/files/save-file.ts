/**
 * Saving an export where the user chooses: the shell asks for a path (the desktop's native
 * dialog), the core writes the file. The suggested name is reduced to a plain file name.
 */
import { writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { RequestInput, RequestOutput, SaveKind } from '../../../shared/contract'
import { HostCallError } from '../../../shared/rpc/host-error'

/** Asks the user where to save; null when they cancel. */
export type AskSavePath = (suggestedName: string, kind: SaveKind) => Promise<string | null>

export function plainFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
  const plain = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_')
  return plain.replace(/^\.+/, '') || 'export'
}

export async function saveFile(
  input: RequestInput<'file.save'>,
  askPath: AskSavePath | undefined,
): Promise<RequestOutput<'file.save'>> {
  if (!askPath) {
    throw new HostCallError('refused', 'this shell has no save dialog: download the file instead')
  }
  const path = await askPath(plainFileName(input.suggestedName), input.kind)
  if (!path) return { saved: false, path: null }
  await writeFile(path, input.content, 'utf8')
  return { saved: true, path }
}
