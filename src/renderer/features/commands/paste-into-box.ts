import type { ClipboardEvent } from 'react'
import { sanitizePaste } from '../../../shared/commands/sanitize-paste'
import { MAX_COMMAND_CHARS } from '../../../shared/contract-limits'

/**
 * A paste into a proposal box, cleaned first (escape sequences, controls, bidi overrides
 * removed; several lines, each a command, only when the person says so). Returns the box's
 * new text and what to tell them, or null when they declined.
 */
export function pasteIntoBox(
  event: ClipboardEvent<HTMLTextAreaElement>,
  current: string,
): { text: string; notice: string | null } | null {
  event.preventDefault()
  const paste = sanitizePaste(event.clipboardData.getData('text/plain'))
  if (
    paste.needsConfirmation &&
    !window.confirm(
      `The clipboard holds ${paste.lines} lines: each runs as its own command. Paste them?`,
    )
  ) {
    return null
  }
  const box = event.currentTarget
  const text = current.slice(0, box.selectionStart) + paste.text + current.slice(box.selectionEnd)
  return {
    text: text.slice(0, MAX_COMMAND_CHARS),
    notice: paste.removed
      ? `${paste.removed} hidden or control characters were removed from the paste.`
      : null,
  }
}
