/**
 * Masks secrets in text shown to a room or written to an export: passwords in URLs,
 * authorization headers, env-style assignments (`AWS_SECRET_ACCESS_KEY=…`, `PGPASSWORD=…`),
 * config keys (`"password": "…"`, `token: …`), options (`--password=…`, `--token …`), the
 * password forms of common clients (mysql `-p…`, sshpass, redis-cli, curl -u, htpasswd -b),
 * well-known token shapes and private key blocks. A quoted value is masked whole. The
 * command that runs is never changed, only its display. Masking is idempotent.
 */
const MASK = '••••••'

/** How far after a client's name its password option is looked for: the longest command
 * lines people write are far shorter. */
const NEAR_CHARS = 500

/** A value as written: quoted whole (to the end of the line if never closed), or one word
 * up to a shell or query-string separator. */
const VALUE = String.raw`(?:"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|[^\s"'&;|<>]+)`

function maskValue(value: string): string {
  const quote = value[0]
  return quote === '"' || quote === "'" ? `${quote}${MASK}${quote}` : MASK
}

/**
 * Names whose value is a secret: anything ending in password, passwd, secret or token
 * (PGPASSWORD, db_password, X-Auth-Token); pass, pwd, key, apikey, credential(s) or auth
 * after a separator (DB_PASS, MYSQL_PWD, AWS_SECRET_ACCESS_KEY, x-api-key); and the bare
 * words of BARE_NAMES. Not KEYBOARD, --tokenizer, password-reset.md or bypass.
 */
const NAME = String.raw`(?:[\w.-]*(?:password|passwd|secret|token)|[\w.-]*[_.-](?:pass|pwd|key|apikey|credentials?|auth)|pwd|apikey|credentials?|auth)`

/** Bare names common in prose ("auth: 500s since 10:02"): masked after `=` or as a
 * quoted key only. */
const BARE_NAMES = /^(?:pwd|apikey|credentials?|auth)$/i

/** `=` (with spaces on both sides or none), or `:` then a space or a quote (YAML, JSON). */
const SEPARATOR = String.raw`(?:=|[ \t]+=[ \t]*|[ \t]*:[ \t]+|[ \t]*:(?=["']))`

const ASSIGNMENT = new RegExp(
  String.raw`(["']?)(?<![\w.-])(${NAME})\1(${SEPARATOR})(${VALUE})`,
  'gi',
)

function maskAssignment(
  match: string,
  quote: string,
  name: string,
  separator: string,
  value: string,
): string {
  if (!quote && separator.includes(':') && BARE_NAMES.test(name)) return match
  return `${quote}${name}${quote}${separator}${maskValue(value)}`
}

type Replacer = (match: string, ...groups: string[]) => string

/** For patterns of two groups: what leads to the secret, kept, and the secret. */
const maskLast: Replacer = (_match, lead, secret) => `${lead}${maskValue(secret ?? '')}`

/** Further on in the same command (no line end or shell operator between), and near: a
 * scan from every occurrence of a program name stays linear on hostile text. */
const SAME_COMMAND = String.raw`[^\n;|&]{0,${NEAR_CHARS}}?[ \t]`

/** curl's user option, and how its value follows it. */
const CURL_USER = String.raw`(?:-[uU]|--(?:proxy-)?user(?![\w-]))(?:[ \t]+|=)?`

const PATTERNS: Array<[RegExp, string | Replacer]> = [
  // PEM private keys, also when pasted without their end line
  [
    /(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    `$1\n${MASK}\n$2`,
  ],
  // scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]+:)[^\s@/]+(@)/gi, `$1${MASK}$2`],
  // Authorization: Bearer xxx, Basic xxx, token xxx (as a header or a JSON key)
  [
    /(\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|digest|negotiate)[ \t]+)?)([^\s"',;]+)/gi,
    maskLast,
  ],
  [/(\bbearer[ \t]+)([A-Za-z0-9._~+/=-]{8,})/gi, maskLast],
  // NAME=value, NAME = value, name: value, "name": "value", --password=value
  [ASSIGNMENT, maskAssignment as Replacer],
  // --password value, --token value, -pass value (not --no-password, not a next option)
  [
    new RegExp(
      String.raw`((?<![\w.-])--?(?!no-)(?:[a-z0-9]+-)*(?:password|passwd|pass|pwd|passphrase|secret|token|api-?key|access-key|secret-key)[ \t]+)(?!-)(${VALUE})`,
      'gi',
    ),
    maskLast,
  ],
  // mysql -pSECRET (the value is attached; `-p db` asks for the password)
  [
    new RegExp(
      String.raw`(\b(?:mysql\w*|mariadb[\w-]*)\b${SAME_COMMAND}-p)(?![ \t\n])(${VALUE})`,
      'g',
    ),
    maskLast,
  ],
  // sshpass -p SECRET, redis-cli -a SECRET
  [new RegExp(String.raw`(\bsshpass\b${SAME_COMMAND}-p[ \t]*)(?!-)(${VALUE})`, 'g'), maskLast],
  [new RegExp(String.raw`(\bredis-cli\b${SAME_COMMAND}-a[ \t]*)(?!-)(${VALUE})`, 'g'), maskLast],
  // curl -u user:SECRET, --user 'user:SECRET', --proxy-user user:SECRET
  [
    new RegExp(
      String.raw`(\bcurl\b${SAME_COMMAND}${CURL_USER}["']?[^\s:"']*:)((?<=["'][^\s:"']*:)[^"'\n]+|[^\s"']+)`,
      'g',
    ),
    maskLast,
  ],
  // htpasswd -b[c] [-C cost] [file] user SECRET: the last word, after options
  [
    new RegExp(
      String.raw`(\bhtpasswd(?:[ \t]+-[A-Za-z]+)*?[ \t]+-[A-Za-z]*b[A-Za-z]*(?:[ \t]+-[A-Za-z]+)*[ \t]+(?:[^\s;|&]+[ \t]+){1,3})(${VALUE})(?=[ \t]*(?:[\n;|&]|$))`,
      'g',
    ),
    maskLast,
  ],
  // well-known token shapes (those that may hold `-` start only where a run of such
  // characters starts: one scan per run, not per occurrence)
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, `$1${MASK}`],
  [/\b(gh[pousr]_)[A-Za-z0-9]{20,}\b/g, `$1${MASK}`],
  [/\b(github_pat_)[A-Za-z0-9_]{20,}/g, `$1${MASK}`],
  [/(?<![\w-])(glpat-)[A-Za-z0-9_-]{20,}/g, `$1${MASK}`],
  [/(?<![\w-])(xox[abprs]-)[A-Za-z0-9-]{10,}\b/g, `$1${MASK}`],
  [/\b(AIza)[0-9A-Za-z_-]{35}/g, `$1${MASK}`],
  [/\b([sr]k_(?:live|test)_)[A-Za-z0-9]{10,}/g, `$1${MASK}`],
  [/(?<![\w-])(eyJ[A-Za-z0-9_-]{5,})\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, `${MASK}`],
]

/**
 * Every pattern above needs one of these: text without any (nearly all of it) is returned
 * as is, two tests instead of many replacements (exports mask 10,000-line timelines). Words
 * in any case, token shapes in theirs: one case-insensitive regex holding the token shapes
 * too was measured 30% slower than these two.
 */
const MAY_HOLD_SECRET_WORD =
  /:\/\/|auth|bearer|pass|pwd|secret|token|key|credential|mysql|mariadb|redis|curl/i
const MAY_HOLD_TOKEN_SHAPE =
  /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|eyJ|AIza|k_live_|k_test_/

/** Whether some pattern could apply (exported for the test that proves it). */
export function mayHoldSecret(text: string): boolean {
  return MAY_HOLD_SECRET_WORD.test(text) || MAY_HOLD_TOKEN_SHAPE.test(text)
}

function maskOnce(text: string): string {
  let masked = text
  for (const [pattern, replacement] of PATTERNS) {
    masked =
      typeof replacement === 'string'
        ? masked.replace(pattern, replacement)
        : masked.replace(pattern, replacement)
  }
  return masked
}

/** A mask can open the way for another pattern (`ghp_…-password x` once the token is
 * masked): masking repeats until nothing changes, which took at most 3 passes in the tests. */
const MAX_PASSES = 5

/** Every pattern, without the pre-check (exported for the test that proves the pre-check). */
export function maskEveryPattern(text: string): string {
  let masked = text
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = maskOnce(masked)
    if (next === masked) break
    masked = next
  }
  return masked
}

export function maskSecrets(text: string): string {
  return mayHoldSecret(text) ? maskEveryPattern(text) : text
}
