/**
 * Risky commands need one more approval than the policy's base. The rule set is small and
 * documented on purpose (README, "Approval policy"): it flags what destroys data, forces
 * past a safety check, stops a service, aims at production, opens an interactive session
 * whose lines nobody approves one by one, or changes the guarded shell itself. It is a
 * nudge for the room, not a sandbox: a command it does not flag still needs the base
 * approvals.
 */
import type { ShellContext } from './gate-model'
import { INTERACTIVE_SESSION, opensInteractiveSession } from './interactive-session'
import { CHANGES_THE_SHELL, changesTheShell } from './shell-itself'

interface RiskRule {
  /** What the room reads next to the command. */
  reason: string
  test: RegExp
}

/** Programs that run the code they are given on standard input or as an argument. */
const INTERPRETERS = String.raw`(ba|z|da|k|fi)?sh|python[\d.]*|perl|ruby|node|php`

const word = (pattern: string) => new RegExp(`(^|[\\s;&|(\`])(${pattern})(?=$|[\\s;&|)\`])`, 'i')

export const RISK_RULES: readonly RiskRule[] = [
  {
    reason: 'deletes files recursively or by force',
    test: /(^|[\s;&|(])rm\s+(-[a-z]*[rf]|--recursive|--force)/i,
  },
  {
    reason: 'deletes data (SQL DROP / TRUNCATE / DELETE)',
    test: /\b(drop\s+(table|database|schema|index)|truncate\s+table|truncate\s+\w|delete\s+from)\b/i,
  },
  {
    reason: 'deletes cluster resources',
    test: /\bkubectl\b.*\s(delete|drain|cordon|replace\s+--force)\b/i,
  },
  { reason: 'scales to zero', test: /\bscale\b.*--replicas[= ]0\b/i },
  {
    reason: 'forces past a safety check (--force / -f flag)',
    test: /(\s--force(-with-lease)?\b|\s--force=true\b|\bkubectl\b.*\s-f?-grace-period[= ]0\b)/i,
  },
  {
    reason: 'rewrites shared history (git push --force / reset --hard)',
    test: /\bgit\s+(push\s+.*(-f\b|--force)|reset\s+--hard|clean\s+-[a-z]*f)/i,
  },
  {
    reason: 'destroys infrastructure (terraform destroy / apply, helm uninstall)',
    test: /\b(terraform\s+(destroy|apply)|helm\s+(uninstall|delete|rollback))\b/i,
  },
  {
    reason: 'removes containers, images or volumes',
    test: /\bdocker\s+(rm|rmi|system\s+prune|volume\s+(rm|prune)|container\s+prune)\b/i,
  },
  {
    reason: 'stops or disables a service',
    test: /\bsystemctl\s+(stop|disable|mask|kill|isolate)\b/i,
  },
  { reason: 'kills processes', test: word('kill\\s+-(9|KILL|SIGKILL)|killall|pkill') },
  { reason: 'shuts the machine down', test: word('shutdown|reboot|halt|poweroff') },
  {
    reason: 'writes raw disks or filesystems',
    test: word('dd|mkfs(\\.\\w+)?|fdisk|parted|wipefs'),
  },
  { reason: 'flushes firewall rules', test: /\b(iptables|nft)\s+(-F|--flush|flush)\b/i },
  { reason: 'runs with elevated privileges (sudo)', test: word('sudo|doas') },
  {
    reason: 'runs code downloaded from the network: what runs is not the text approved',
    test: new RegExp(
      [
        // curl … | sh, wget -qO- … | sudo bash, curl … | python3
        String.raw`\b(curl|wget)\b[^\n;&]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+)?(\S*/)?(${INTERPRETERS})\b`,
        // bash -c "$(curl …)", eval "$(wget …)", source <(curl …)
        String.raw`(^|[\s;&|(])(eval|source|\.|${INTERPRETERS})\s+(-\S+\s+)*["']?(\$\(|<\(|\`)\s*(curl|wget)\b`,
      ].join('|'),
      'i',
    ),
  },
]

/** A context that names production: the command runs against real users. */
const PRODUCTION = /(^|[^a-z])prod(uction)?([^a-z]|$)/i

/** Reasons this command counts as risky here (empty: not risky). */
export function assessRisk(text: string, context: ShellContext): string[] {
  const reasons = RISK_RULES.filter((rule) => rule.test.test(text)).map((rule) => rule.reason)
  if (opensInteractiveSession(text)) reasons.push(INTERACTIVE_SESSION)
  if (changesTheShell(text)) reasons.push(CHANGES_THE_SHELL)
  const isKube = /(^|[\s;&|(])(kubectl|helm|k9s)\b/.test(text)
  if (isKube && context.kubeContext && PRODUCTION.test(context.kubeContext)) {
    reasons.push(`targets the production kube context "${context.kubeContext}"`)
  } else if (isKube && context.kubeNamespace && PRODUCTION.test(context.kubeNamespace)) {
    reasons.push(`targets the production namespace "${context.kubeNamespace}"`)
  }
  if (context.host && PRODUCTION.test(context.host)) {
    reasons.push(`runs on the production host "${context.host}"`)
  }
  return reasons
}
