import {
  DEFAULT_POLICY,
  type ApprovalPolicy,
  type CommandLogEntry,
  type Foreground,
  type RosterMember,
} from '../../../../../src/shared/commands/gate-model'
import { createCommandGate } from '../../../../../src/main/core/gate/command-gate'
import type { GateActor } from '../../../../../src/main/core/gate/gate-actor'
import type { ShellMark } from '../../../../../src/main/core/gate/shell-marks'
import { createShellTracker } from '../../../../../src/main/core/gate/shell-tracker'
import type { IncidentRoom } from '../../../../../src/main/core/incidents/incident-rooms'

export const roster: RosterMember[] = [
  { personId: 'alice', name: 'Alice', roles: ['incident-leader'] },
  { personId: 'bob', name: 'Bob', roles: ['operational-expert'] },
  { personId: 'carol', name: 'Carol', roles: ['operational-expert'] },
  { personId: 'dan', name: 'Dan', roles: ['stakeholder'] },
]

export const LEADER: GateActor = { kind: 'leader' }
export const participant = (
  personId: string,
  publicKey: string | null = null,
  mode: 'expert' | 'observer' = 'expert',
): GateActor => ({
  kind: 'participant',
  participantId: `p-${personId}`,
  personId,
  mode,
  publicKey,
  stillValid: () => true,
})

export const prompt: ShellMark = { type: 'prompt', seq: null }
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

/**
 * A gate on a fake shell: a clock we move, a foreground we set (as the OS would report it),
 * every byte it writes, a role board and policy we change. The shell sits at an
 * authenticated prompt in /srv/app; Alice is at the leader's keyboard.
 */
export function gateAtPrompt(policy: Partial<ApprovalPolicy> = {}) {
  let clock = 1_700_000_000_000
  let foreground: Foreground = 'shell'
  const written: string[] = []
  const log: CommandLogEntry[] = []
  let ids = 0
  let room: IncidentRoom = {
    incidentId: 'inc-1',
    title: 'Checkout down',
    roster,
    policy: { ...DEFAULT_POLICY, ...policy },
    operatorId: 'alice',
  }
  const now = () => clock
  const shell = createShellTracker({
    now,
    integrated: true,
    facts: { foreground: () => foreground, cwd: () => null, sameDirectory: (a, b) => a === b },
  })
  const gate = createCommandGate({
    sessionId: 's1',
    incidentId: 'inc-1',
    room: () => room,
    shell,
    writeToShell: (data) => written.push(data),
    emitSnapshot: () => {},
    emitLog: (entry) => log.push(entry),
    now,
    newId: () => `p${++ids}`,
  })
  gate.onMark(context('/srv/app'))
  gate.onMark({ type: 'names', aliases: ['ll'], functions: ['deploy'] })
  gate.onMark(prompt)
  const current = (id: string) => gate.snapshot().proposals.find((p) => p.id === id)!
  return {
    gate,
    written,
    log,
    current,
    advance: (ms: number) => {
      clock += ms
    },
    setForeground: (next: Foreground) => {
      foreground = next
    },
    setRoom: (change: Partial<IncidentRoom>) => {
      room = { ...room, ...change }
      gate.roomChanged()
    },
    /**
     * The shell at its next prompt reports these (a new context, new names): they are only
     * believed between a command's end and the prompt, as the integration sends them.
     */
    reportAtPrompt: (...marks: ShellMark[]) => {
      gate.onMark({ type: 'command-end', exitCode: 0 })
      for (const mark of marks) gate.onMark(mark)
      gate.onMark(prompt)
    },
    /** The shell reports the command started, ended with this code, and the next prompt. */
    commandRan: (exitCode = 0) => {
      gate.onMark({ type: 'command-start' })
      gate.onMark({ type: 'command-end', exitCode })
      gate.onMark(prompt)
    },
  }
}
