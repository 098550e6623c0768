import { maskSecrets } from '../../../shared/commands/mask-secrets'

/** Texts remembered: every row, note and update a long incident shows, many times over. */
const REMEMBERED_TEXTS = 20_000

const masked = new Map<string, string>()

/**
 * Text that came from people or commands as the room may see it: secrets masked. Masked
 * once per text (rows re-render on every scroll and save), the oldest forgotten first.
 */
export function maskedForScreen(text: string): string {
  const known = masked.get(text)
  if (known !== undefined) return known
  const result = maskSecrets(text)
  if (masked.size >= REMEMBERED_TEXTS) masked.delete(masked.keys().next().value!)
  masked.set(text, result)
  return result
}
