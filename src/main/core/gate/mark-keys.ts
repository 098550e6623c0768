/**
 * The secrets a shell's marks are signed with, and how the next ones reach the host.
 *
 * Two per command: the start key signs only the command-start mark (printed as the command
 * starts, so the command itself may see it in a session log); the end key signs the end,
 * the reports and the next prompt, and is never printed before the command ended. At each
 * prompt the integration makes the next pair and hands it over through a file only this
 * user can read (`<handoff>.<seq>`, the sequence number in the authenticated prompt mark),
 * never through the terminal: a session log holds only spent keys, and a program the
 * command runs cannot sign the end of its own command.
 */
import { readFileSync, rmSync } from 'node:fs'

export interface MarkKeys {
  /** Signs the command-start mark (null before the first prompt: no command can start). */
  start: string | null
  /** Signs the command-end mark, the context and names reports and the prompt mark. */
  end: string
}

const KEY = /^[0-9a-f]{32}$/

/** The first keys: the nonce the shell was started with signs everything up to its first prompt. */
export function firstKeys(nonce: string | null): MarkKeys | null {
  return nonce === null ? null : { start: null, end: nonce }
}

/**
 * Takes the keys the shell handed over at prompt `seq` (and removes the file); null when
 * there is no such file or it does not hold two keys (the prompt is then not believed).
 */
export function takeHandoff(handoff: string, seq: number): MarkKeys | null {
  const file = `${handoff}.${seq}`
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return null
  }
  rmSync(file, { force: true })
  const [start, end] = text.trim().split(' ')
  return start && end && KEY.test(start) && KEY.test(end) ? { start, end } : null
}
