/**
 * What each program the suggested allow-list names may be given and still only read: its
 * read-only sub-commands and every option it may take (anything not listed is refused).
 * Programs without rules here get the generic rules of allow-list.ts.
 */

/** An option without a value, one that takes a value (attached or next word), or one whose
 * value can only be attached (`--boot=-1`, `-b-1`); a value passes its check. */
export type OptionSpec =
  'flag' | { value: 'next-or-attached' | 'attached-only'; check: (value: string) => boolean }

export interface ProgramRules {
  /** Read-only sub-commands (the word after the program); absent when it has none. */
  readonly subcommands?: ReadonlySet<string>
  /** Single-letter options, as `-x`, `-xyz` clusters or `-xVALUE`. */
  readonly short: Readonly<Record<string, OptionSpec>>
  /** Long options, as `--name`, `--name=value` or `--name value`. */
  readonly long: Readonly<Record<string, OptionSpec>>
  /** Which arguments (not options) it may take; any safe word when absent. */
  readonly argument?: (word: string) => boolean
}

const anyValue: OptionSpec = { value: 'next-or-attached', check: () => true }
const attachedOnly: OptionSpec = { value: 'attached-only', check: () => true }
const oneOf = (...values: string[]): OptionSpec => ({
  value: 'next-or-attached',
  check: (v) => values.includes(v),
})
const flags = (names: string): Record<string, OptionSpec> =>
  Object.fromEntries(names.split(' ').map((name) => [name, 'flag' as const]))
const valued = (names: string, spec: OptionSpec = anyValue): Record<string, OptionSpec> =>
  Object.fromEntries(names.split(' ').map((name) => [name, spec]))

// kubectl: one table for its read-only sub-commands (get, describe, logs, top, ...). Not
// here, so refused: --kubeconfig, --context, --cluster, --user, --as*, -s/--server, --token,
// certificates, --raw, -f/-k (files and kustomize), --profile*, -v (logs credentials),
// --template and every -o but wide/name/json/yaml (go-template, jsonpath, custom-columns).
const KUBECTL_OUTPUT = oneOf('wide', 'name', 'json', 'yaml')
const kubectl: ProgramRules = {
  subcommands: new Set([
    'get',
    'describe',
    'logs',
    'top',
    'events',
    'explain',
    'api-resources',
    'api-versions',
    'version',
  ]),
  // -f is --follow for logs but --filename (any file or URL) for get: only --follow passes.
  short: {
    ...flags('A w p'),
    ...valued('n l L c'),
    o: KUBECTL_OUTPUT,
  },
  long: {
    ...flags(
      'all-namespaces watch watch-only show-labels no-headers show-kind ignore-not-found ' +
        'show-events all-containers follow previous timestamps prefix ignore-errors ' +
        'containers sum use-protocol-buffers help',
    ),
    ...valued(
      'namespace selector field-selector label-columns sort-by chunk-size request-timeout ' +
        'container tail since since-time limit-bytes max-log-requests pod-running-timeout',
    ),
    output: KUBECTL_OUTPUT,
  },
  // `kubectl get secret x -o yaml` puts the secret's values on the shared screen.
  argument: (word) => !/secret/i.test(word),
}

// systemctl: only status and listings. Not here, so refused: -H/--host (runs over ssh),
// -M/--machine, --user/--system/--global, --root, --image, and every sub-command that
// changes something (start, stop, restart, edit, set-property, ...) or shows environment.
const JOURNAL_OUTPUT = oneOf(
  'short',
  'short-full',
  'short-iso',
  'short-iso-precise',
  'short-precise',
  'short-monotonic',
  'short-delta',
  'short-unix',
  'verbose',
  'export',
  'json',
  'json-pretty',
  'json-sse',
  'json-seq',
  'cat',
  'with-unit',
)
const systemctl: ProgramRules = {
  subcommands: new Set([
    'status',
    'list-units',
    'list-unit-files',
    'list-timers',
    'list-sockets',
    'list-dependencies',
    'list-jobs',
    'is-active',
    'is-enabled',
    'is-failed',
    'is-system-running',
  ]),
  short: { ...flags('a l q'), ...valued('n t'), o: JOURNAL_OUTPUT },
  long: {
    ...flags('all full no-pager no-legend plain failed quiet reverse before after help'),
    ...valued('lines type state'),
    output: JOURNAL_OUTPUT,
  },
}

// journalctl: reading only. Not here, so refused: --vacuum-*, --rotate, --flush, --sync,
// --relinquish-var, --setup-keys, --update-catalog, --cursor-file (writes), -D/--directory,
// --file, --root, --image, -M/--machine, --user.
const journalctl: ProgramRules = {
  short: {
    // -e jumps to the end in the pager; allow-listed commands run with pagers off.
    ...flags('a e f k l m q r x N'),
    ...valued('u n p S U g t F'),
    o: JOURNAL_OUTPUT,
    b: attachedOnly,
  },
  long: {
    ...flags(
      'all pager-end follow dmesg full no-full merge quiet reverse catalog fields no-pager ' +
        'utc no-hostname system list-boots disk-usage show-cursor no-tail help',
    ),
    ...valued(
      'unit user-unit lines priority since until grep identifier field facility cursor ' +
        'after-cursor output-fields',
    ),
    output: JOURNAL_OUTPUT,
    boot: attachedOnly,
    'case-sensitive': attachedOnly,
  },
}

// docker: listings and logs. Not here, so refused: -H/--host, -c/--context, --config,
// --tls*, every --format but json/table (Go templates), inspect (shows environment).
const DOCKER_FORMAT = oneOf('json', 'table')
const docker: ProgramRules = {
  subcommands: new Set(['ps', 'logs', 'images', 'stats', 'port', 'version']),
  // -f is --filter for ps and images but --follow for logs: only the long forms pass.
  short: { ...flags('a q s l t'), ...valued('n') },
  long: {
    ...flags('all quiet size latest no-trunc follow timestamps details digests no-stream help'),
    ...valued('last filter tail since until'),
    format: DOCKER_FORMAT,
  },
}

const df: ProgramRules = {
  // Not here, so refused: --sync (not read-only).
  short: { ...flags('a h H i k l P T v'), ...valued('B t x') },
  long: {
    ...flags('all human-readable si inodes local portability print-type total no-sync help'),
    ...valued('block-size type exclude-type'),
    output: attachedOnly,
    version: 'flag',
  },
}

const free: ProgramRules = {
  // -c is --count and -s --seconds here: free only repeats its report.
  short: { ...flags('b k m g h l t v w'), ...valued('c s') },
  long: {
    ...flags(
      'bytes kilo mega giga tera peta kibi mebi gibi tebi pebi human si lohi total wide ' +
        'committed help version',
    ),
    ...valued('count seconds'),
  },
  argument: () => false,
}

const uptime: ProgramRules = {
  short: flags('p s h V'),
  long: flags('pretty since help version'),
  argument: () => false,
}

// ps: BSD `e` and the `environ` column show processes' environment (secrets) on screen.
const NOT_ENVIRONMENT: OptionSpec = {
  value: 'next-or-attached',
  check: (v) => !/environ/i.test(v),
}
const ps: ProgramRules = {
  short: {
    ...flags('A a d e f F H j l L m M N T w y Z'),
    ...valued('p q u U g G C t s'),
    o: NOT_ENVIRONMENT,
    O: NOT_ENVIRONMENT,
  },
  long: {
    ...flags('forest no-headers headers cumulative deselect help version'),
    ...valued('sort cols columns width lines rows pid ppid user User group Group sid tty'),
    format: NOT_ENVIRONMENT,
  },
  // BSD options without `e`, or process ids.
  argument: (word) => /^[auxfjlvmrwSTHcnhL]+$/.test(word) || /^\d+(,\d+)*$/.test(word),
}

export const PROGRAM_RULES: Readonly<Record<string, ProgramRules>> = {
  kubectl,
  systemctl,
  journalctl,
  docker,
  df,
  free,
  uptime,
  ps,
}
