/**
 * Break-glass: typing straight into the shell, past the gate, for what a proposal cannot
 * do (an interactive session). It needs a written reason, and its start and end — who,
 * when, why, how long — go to the command log.
 */
import type { BreakGlass, CommandLogEntry, RosterMember } from '../../../shared/commands/gate-model'
import type { LogFields } from './new-proposal'

export interface BreakGlassOptions {
  now(): number
  /** The person on the role board, or a refusal. */
  person(personId: string): RosterMember
  refuse(message: string): never
  log(kind: CommandLogEntry['kind'], fields: LogFields): void
}

export function createBreakGlass(options: BreakGlassOptions) {
  let current: BreakGlass | null = null
  return {
    /** Who broke the glass and why, while direct typing is on. */
    get current(): BreakGlass | null {
      return current
    },

    start(input: { personId: string; reason: string }) {
      const who = options.person(input.personId)
      const reason = input.reason.trim()
      if (reason.length < 5) options.refuse('break-glass needs a written reason')
      if (current) options.refuse(`break-glass is already on (by ${current.name})`)
      current = { personId: who.personId, name: who.name, reason, startedAt: options.now() }
      options.log('break-glass-started', { personId: who.personId, note: reason })
    },

    end(input: { personId: string }) {
      const who = options.person(input.personId)
      const started = current ?? options.refuse('break-glass is not on')
      const lasted = options.now() - started.startedAt
      options.log('break-glass-ended', {
        personId: who.personId,
        note: `started by ${started.name} (${started.reason}); lasted ${Math.round(lasted / 60_000)} min`,
        durationMs: lasted,
      })
      current = null
    },
  }
}
