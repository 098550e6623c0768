import {
  DEFAULT_POLICY,
  type ApprovalPolicy,
  type CommandLogEntry,
  type RosterMember,
} from '../../../../../src/shared/commands/gate-model'
import { createCommandGate } from '../../../../../src/main/core/gate/command-gate'
import type { ShellMark } from '../../../../../src/main/core/gate/shell-marks'

export const roster: RosterMember[] = [
  { personId: 'alice', name: 'Alice', roles: ['incident-leader'] },
  { personId: 'bob', name: 'Bob', roles: ['operational-expert'] },
  { personId: 'carol', name: 'Carol', roles: ['operational-expert'] },
  { personId: 'dan', name: 'Dan', roles: ['stakeholder'] },
]

export const prompt: ShellMark = { type: 'prompt' }
export const context = (cwd: string, extra: Partial<Record<string, string>> = {}): ShellMark => ({
  type: 'context',
  context: {
    cwd,
    user: 'sre',
    host: 'ops-1',
    kubeContext: extra.kubeContext ?? null,
    kubeNamespace: extra.kubeNamespace ?? null,
  },
})

/** A gate on a fake shell: a clock we move, and every byte it writes. */
export function gateAtPrompt(policy: Partial<ApprovalPolicy> = {}) {
  let clock = 1_700_000_000_000
  const written: string[] = []
  const log: CommandLogEntry[] = []
  let ids = 0
  const gate = createCommandGate({
    sessionId: 's1',
    writeToShell: (data) => written.push(data),
    emitSnapshot: () => {},
    emitLog: (entry) => log.push(entry),
    now: () => clock,
    newId: () => `p${++ids}`,
  })
  gate.onMark(context('/srv/app'))
  gate.onMark({ type: 'names', aliases: ['ll'], functions: ['deploy'] })
  gate.onMark(prompt)
  gate.configure({ incidentId: 'inc-1', roster, policy: { ...DEFAULT_POLICY, ...policy } })
  return {
    gate,
    written,
    log,
    advance: (ms: number) => {
      clock += ms
    },
  }
}
