/**
 * The optional allow-list of read-only commands that skip approval (they are still
 * proposed, inspected and recorded). An entry is a command prefix by words ("kubectl get",
 * "df"); only a single simple command can match: anything that chains, pipes, redirects,
 * substitutes or spans lines never does.
 */
const NOT_SIMPLE = /[;&|<>`$(){}\\\n\r]/

/** A starting point the leader may adopt; the default policy's list is empty. */
export const SUGGESTED_READ_ONLY = [
  'kubectl get',
  'kubectl describe',
  'kubectl logs',
  'kubectl top',
  'systemctl status',
  'journalctl',
  'docker ps',
  'docker logs',
  'df',
  'free',
  'uptime',
  'ps',
] as const

function words(text: string): string[] {
  return text
    .trim()
    .split(/[ \t]+/)
    .filter(Boolean)
}

export function matchesAllowList(text: string, allowList: readonly string[]): boolean {
  if (NOT_SIMPLE.test(text)) return false
  const command = words(text)
  return allowList.some((entry) => {
    const prefix = words(entry)
    return prefix.length > 0 && prefix.every((part, index) => command[index] === part)
  })
}
