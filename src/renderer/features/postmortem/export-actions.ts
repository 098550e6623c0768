/**
 * Getting an export out of the app: the desktop saves through its native dialog (the
 * host's file.save), the browser shell downloads; both can copy to the clipboard.
 */
import type { AppInfo, HostClient, SaveKind } from '../../../shared/contract'

const MIME: Record<SaveKind, string> = {
  markdown: 'text/markdown;charset=utf-8',
  json: 'application/json;charset=utf-8',
}

export function download(fileName: string, content: string, kind: SaveKind): void {
  const url = URL.createObjectURL(new Blob([content], { type: MIME[kind] }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves or downloads; resolves with what to tell the user. */
export async function saveExport(
  host: HostClient | null,
  appInfo: AppInfo | null,
  fileName: string,
  content: string,
  kind: SaveKind,
): Promise<string> {
  if (host && appInfo?.shell === 'electron') {
    const result = await host['file.save']({ suggestedName: fileName, content, kind })
    return result.saved ? `Saved to ${result.path}` : 'Not saved (cancelled).'
  }
  download(fileName, content, kind)
  return `Downloaded ${fileName}`
}

export async function copyText(text: string, done: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text)
    return done
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return `Could not copy to the clipboard (${reason}). Select the text and copy it by hand.`
  }
}
