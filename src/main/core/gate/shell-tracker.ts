import {
  EMPTY_CONTEXT,
  type Proposal,
  type ShellActivity,
  type ShellContext,
} from '../../../shared/commands/gate-model'
import { createOutputExcerpt, type OutputExcerpt } from '../../../shared/commands/output-excerpt'
import type { ShellNames } from './proposal-context'
import type { ShellMark } from './shell-marks'
import { encodeForShell } from './shell-input'

/** What a mark meant for the command in flight. */
export interface MarkEffect {
  /** The command in flight ended (exit code, or why none is known). */
  finished: { exitCode: number | null; note: string | null } | null
  /** The context or the alias/function names changed: approvals may be void. */
  contextChanged: boolean
}

/**
 * What the shell is doing, as its integration reports it: at the prompt or running, the
 * context a command would run in, and the approved command in flight with its output.
 */
export function createShellTracker(now: () => number) {
  let activity: ShellActivity = 'unknown'
  let integrated = false
  let context: ShellContext = EMPTY_CONTEXT
  let names: ShellNames = { aliases: new Set(), functions: new Set() }
  let bracketedPaste = false
  let running: { proposal: Proposal; excerpt: OutputExcerpt; started: boolean } | null = null

  return {
    get activity() {
      return activity
    },
    get integrated() {
      return integrated
    },
    get context() {
      return context
    },
    get names() {
      return names
    },
    /** Something runs, or an approved line was written and has not started yet. */
    get busy() {
      return running !== null || activity === 'running'
    },
    /** Keys typed now would land on a command line (the prompt, or a line not yet run). */
    get atPrompt() {
      return activity !== 'running' || (running !== null && !running.started)
    },
    get inFlight() {
      return running !== null
    },

    /** Marks an approved proposal as running; returns the bytes to write into the pty. */
    start(proposal: Proposal): string {
      proposal.status = 'running'
      proposal.run = {
        startedAt: now(),
        endedAt: null,
        exitCode: null,
        durationMs: null,
        output: '',
        outputChars: 0,
        truncated: false,
      }
      running = { proposal, excerpt: createOutputExcerpt(), started: false }
      return encodeForShell(proposal.text, bracketedPaste)
    },

    /** Ends the command in flight: its run gets end, duration and output. */
    finish(exitCode: number | null): Proposal | null {
      if (!running) return null
      const { proposal, excerpt } = running
      running = null
      const endedAt = now()
      const startedAt = proposal.run?.startedAt ?? endedAt
      proposal.run = {
        startedAt,
        endedAt,
        exitCode,
        durationMs: endedAt - startedAt,
        ...excerpt.finish(),
      }
      return proposal
    },

    onMark(mark: ShellMark): MarkEffect {
      const effect: MarkEffect = { finished: null, contextChanged: false }
      switch (mark.type) {
        case 'prompt':
          integrated = true
          activity = 'prompt'
          // Back at the prompt without an exit code: a line that started no command (a
          // comment), or a shell that did not report one.
          if (running) {
            const note = running.started ? 'the shell reported no exit code' : 'no command ran'
            effect.finished = { exitCode: null, note }
          }
          break
        case 'command-start':
          activity = 'running'
          if (running && !running.started) {
            running.started = true
            if (running.proposal.run) running.proposal.run.startedAt = now()
          }
          break
        case 'command-end':
          if (running?.started) effect.finished = { exitCode: mark.exitCode, note: null }
          break
        case 'context':
          context = mark.context
          effect.contextChanged = true
          break
        case 'names':
          names = { aliases: new Set(mark.aliases), functions: new Set(mark.functions) }
          effect.contextChanged = true
          break
      }
      return effect
    },

    onOutput(text: string) {
      // Only what the command printed: not the echo of the line itself.
      if (running?.started) running.excerpt.push(text)
      if (text.includes('\u001b[?2004')) {
        const on = text.lastIndexOf('\u001b[?2004h')
        const off = text.lastIndexOf('\u001b[?2004l')
        bracketedPaste = on > off
      }
    },
  }
}

export type ShellTracker = ReturnType<typeof createShellTracker>
