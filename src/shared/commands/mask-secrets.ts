/**
 * Masks secrets in text shown to a room or written to an export: bearer tokens, keys,
 * passwords in URLs and flags. The command that runs is never changed, only its display.
 */
const MASK = '••••••'

const PATTERNS: Array<[RegExp, string]> = [
  // scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(@)/gi, `$1${MASK}$2`],
  // Authorization: Bearer xxx / Basic xxx
  [/(\b(?:bearer|basic|token)\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${MASK}`],
  // --password=xxx, --token xxx, password=xxx, api_key: xxx, secret=xxx
  [
    /((?:--?|\b)(?:pass(?:word)?|passwd|pwd|token|secret|api[-_]?key|access[-_]?key|client[-_]?secret|auth)(?:\s*[=:]\s*|\s+))(["']?)[^\s"']+\2/gi,
    `$1$2${MASK}$2`,
  ],
  // mysql -pSECRET
  [/(\s-p)(?!\s)[^\s]+/g, `$1${MASK}`],
  // well-known token shapes
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, `$1${MASK}`],
  [/\b(gh[pousr]_)[A-Za-z0-9]{20,}\b/g, `$1${MASK}`],
  [/\b(xox[abprs]-)[A-Za-z0-9-]{10,}\b/g, `$1${MASK}`],
  [/\b(eyJ[A-Za-z0-9_-]{5,})\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, `${MASK}`],
]

/**
 * Every pattern above needs one of these: text without any (nearly all of it) is returned
 * as is, one test instead of eight replacements (exports mask 10,000-line timelines).
 */
const MAY_HOLD_SECRET =
  /:\/\/|bearer|basic|token|pass|pwd|secret|key|auth|\s-p|AKIA|ASIA|gh[pousr]_|xox|eyJ/i

export function maskSecrets(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text
  return PATTERNS.reduce(
    (masked, [pattern, replacement]) => masked.replace(pattern, replacement),
    text,
  )
}
