import type {
  FirstWordKind,
  ProposalContext,
  ShellContext,
} from '../../../shared/commands/gate-model'
import { commandDigest } from '../../../shared/commands/hash-chain'

/** Aliases and functions the shell integration reported at its last prompt. */
export interface ShellNames {
  aliases: ReadonlySet<string>
  functions: ReadonlySet<string>
}

export function firstWordOf(text: string): string {
  return text.trim().split(/\s+/)[0] ?? ''
}

function kindOf(word: string, names: ShellNames): FirstWordKind {
  // Bash expands an alias before looking for a function, so an alias wins.
  if (names.aliases.has(word)) return 'alias'
  if (names.functions.has(word)) return 'function'
  return 'command'
}

/** Commands whose target is the kube context: only for these does the context matter. */
const USES_KUBE_CONTEXT = /(^|[\s;&|(`])(kubectl|helm|kustomize|k9s)(?=$|[\s;&|)`])/

/**
 * The context a proposal's hash covers, as the shell reports it right now: working
 * directory, user and host always; kube context and namespace for kubectl (and helm).
 */
export function proposalContext(
  text: string,
  shell: ShellContext,
  names: ShellNames,
): ProposalContext {
  const firstWord = firstWordOf(text)
  const kube = USES_KUBE_CONTEXT.test(text)
  return {
    ...shell,
    kubeContext: kube ? shell.kubeContext : null,
    kubeNamespace: kube ? shell.kubeNamespace : null,
    firstWord,
    firstWordKind: kindOf(firstWord, names),
  }
}

/** SHA-256 over the exact text and the context it would run in. */
export function proposalDigest(text: string, context: ProposalContext): string {
  return commandDigest(text, {
    cwd: context.cwd,
    user: context.user,
    host: context.host,
    kubeContext: context.kubeContext,
    kubeNamespace: context.kubeNamespace,
    path: context.path ?? null,
    firstWord: context.firstWord,
    firstWordKind: context.firstWordKind,
  })
}

/** What changed between two contexts, for people ("cwd /srv → /tmp"). */
export function describeContextChange(before: ProposalContext, after: ProposalContext): string {
  const labels: Array<[keyof ProposalContext, string]> = [
    ['cwd', 'working directory'],
    ['user', 'user'],
    ['host', 'host'],
    ['kubeContext', 'kube context'],
    ['kubeNamespace', 'namespace'],
    ['path', 'PATH'],
    ['firstWordKind', `what "${after.firstWord}" is`],
  ]
  const changes = labels
    .filter(([key]) => (before[key] ?? null) !== (after[key] ?? null))
    .map(([key, label]) =>
      // A PATH is long: saying that it changed is enough.
      key === 'path'
        ? 'PATH changed'
        : `${label} ${before[key] ?? '(none)'} → ${after[key] ?? '(none)'}`,
    )
  return changes.length ? `context changed: ${changes.join(', ')}` : 'context changed'
}
