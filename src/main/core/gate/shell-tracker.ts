import {
  EMPTY_CONTEXT,
  type Foreground,
  type IntegrationState,
  type Proposal,
  type ShellActivity,
  type ShellContext,
} from '../../../shared/commands/gate-model'
import { createOutputExcerpt, type OutputExcerpt } from '../../../shared/commands/output-excerpt'
import type { ShellNames } from './proposal-context'
import type { ShellMark } from './shell-marks'

/**
 * With the integration on, an approved command whose shell is back in the foreground but
 * sends no authenticated prompt within this time removed or replaced the integration
 * (`unset PROMPT_COMMAND`, `exec bash --norc`). Long enough for a slow prompt (kubectl).
 */
export const INTEGRATION_LOST_AFTER_MS = 3_000
/** A shell that has not sent its first authenticated prompt after this long has none. */
export const INTEGRATION_START_TIMEOUT_MS = 15_000
/** Without the integration, a command counts as ended once the shell held the foreground this long. */
export const UNINTEGRATED_IDLE_MS = 500

export interface ShellFacts {
  /** Who holds the terminal's foreground now (the OS, read at call time). */
  foreground(): Foreground
  /** The shell's working directory as the kernel knows it (null where it cannot say). */
  cwd(): string | null
  sameDirectory(reported: string, actual: string): boolean
}

/** What a mark or a tick meant for the gate. */
export interface TrackerEffect {
  /** The mark was believed (false: out of its place in the cycle, or without the nonce). */
  accepted: boolean
  /** A command started that the gate did not write. */
  unapproved: boolean
  /** The command in flight ended (exit code, or why none is known). */
  finished: { exitCode: number | null; note: string | null } | null
  /** The context or the alias/function names changed: approvals may be void. */
  contextChanged: boolean
  integration: 'lost' | 'restored' | null
}

interface InFlight {
  proposal: Proposal
  excerpt: OutputExcerpt
  decoder: TextDecoder
  /** The shell reported the command started (its C mark). */
  started: boolean
  writtenAt: number
  /** Last time a job other than the shell held the foreground. */
  jobSeenAt: number
  /** Since when the shell has held the foreground (no integration: the command ended). */
  shellSince: number | null
}

const noEffect = (): TrackerEffect => ({
  accepted: true,
  unapproved: false,
  finished: null,
  contextChanged: false,
  integration: null,
})

/**
 * What the shell is doing, from the integration's authenticated marks checked against what
 * the OS says: at a clean prompt or running, the context a command would run in, and the
 * approved command in flight with its output.
 */
export function createShellTracker(options: {
  now: () => number
  facts: ShellFacts
  /** False for shells War Room has no integration for. */
  integrated: boolean
}) {
  const { now, facts } = options
  let integration: IntegrationState = options.integrated ? 'starting' : 'none'
  const startedAt = now()
  /** The last authenticated mark was a prompt, and nothing was written since. */
  let atPrompt = false
  let reported: ShellContext = EMPTY_CONTEXT
  let names: ShellNames = { aliases: new Set(), functions: new Set() }
  let bracketedPaste = false
  let forged = 0
  let inFlight: InFlight | null = null
  let lastExit: { exitCode: number | null } | null = null
  /** Where the shell is in its cycle: reporting (after D), at the prompt (after A), running (after C). */
  let phase: 'reporting' | 'prompt' | 'running' = 'reporting'

  const isOn = () => integration === 'on'

  const finishEffect = (exitCode: number | null, note: string | null): TrackerEffect => ({
    ...noEffect(),
    finished: { exitCode, note },
  })

  return {
    get integration(): IntegrationState {
      return integration
    },
    get forgedMarks() {
      return forged
    },
    get names() {
      return names
    },
    /** The context as reported, with the OS's working directory where the two disagree. */
    get context(): ShellContext {
      const actual = facts.cwd()
      if (actual === null || reported.cwd === null)
        return { ...reported, cwd: reported.cwd ?? actual }
      return facts.sameDirectory(reported.cwd, actual) ? reported : { ...reported, cwd: actual }
    },
    get activity(): ShellActivity {
      if (inFlight) return 'running'
      if (isOn()) return atPrompt ? 'prompt' : 'running'
      return 'unknown'
    },
    get inFlight(): Proposal | null {
      return inFlight?.proposal ?? null
    },
    get bracketedPaste() {
      return bracketedPaste
    },

    /**
     * An approved command can be written now: nothing in flight, the shell holds the
     * foreground, and (with the integration on) it sits at an authenticated, drained prompt.
     * With the integration lost, nothing is written until a prompt comes back: the shell
     * may be waiting for the rest of an unfinished line (a trailing backslash, an open
     * quote, a here-doc), which the next command would complete, or be another program.
     */
    get ready(): boolean {
      if (inFlight || facts.foreground() === 'job') return false
      if (integration === 'starting') return false
      if (integration === 'lost') return false
      return isOn() ? atPrompt : true
    },

    /** Why a command cannot be written now, for people. */
    get notReadyReason(): string {
      if (inFlight) return 'the shell is busy with another command: wait for its prompt'
      if (integration === 'starting') return 'the shell has not shown its first prompt yet'
      if (integration === 'lost') {
        return 'the shell did not come back to its prompt (it may be waiting for the rest of an unfinished line): press Ctrl-C in the terminal, or open a new shell'
      }
      return 'the shell is not at its prompt: wait for the running command to end'
    },

    /**
     * Raw keys may reach the shell only while an approved command runs in the foreground
     * (answering its prompt); never at the prompt, never without a working integration.
     */
    get keysPass(): boolean {
      return isOn() && inFlight !== null && facts.foreground() === 'job'
    },

    /** An approved command is being written into the shell. */
    start(proposal: Proposal): void {
      const at = now()
      atPrompt = false
      lastExit = null
      inFlight = {
        proposal,
        excerpt: createOutputExcerpt(),
        decoder: new TextDecoder(),
        started: !isOn(), // without marks there is no start to wait for
        writtenAt: at,
        jobSeenAt: at,
        shellSince: null,
      }
    },

    /** The command's output so far, as the record keeps it; ends the run. */
    finish() {
      const run = inFlight
      inFlight = null
      if (!run) return null
      run.excerpt.push(run.decoder.decode())
      return { proposal: run.proposal, output: run.excerpt.finish() }
    },

    /**
     * A mark from the shell. Each is believed only in its place in the cycle the
     * integration follows — C (a command starts) after a prompt, D (it ended) after that,
     * then the context and names reports, then A (the next prompt) — so a mark printed at
     * another moment, even with a nonce learnt from some output, is counted as forged.
     */
    onMark(mark: ShellMark | 'forged'): TrackerEffect {
      const effect = noEffect()
      const forge = () => {
        forged++
        return { ...effect, accepted: false }
      }
      if (mark === 'forged') return forge()
      switch (mark.type) {
        case 'prompt': {
          if (phase !== 'reporting') return forge()
          phase = 'prompt'
          atPrompt = true
          if (integration !== 'on') effect.integration = integration === 'lost' ? 'restored' : null
          integration = 'on'
          if (!inFlight) return effect
          const exit = lastExit
          const note = exit
            ? null
            : inFlight.started
              ? 'the shell reported no exit code'
              : 'no command ran'
          return { ...effect, finished: { exitCode: exit?.exitCode ?? null, note } }
        }
        case 'command-start':
          if (phase !== 'prompt') return forge()
          phase = 'running'
          atPrompt = false
          if (inFlight) inFlight.started = true
          // The shell started a line the gate did not write (a program typed it in).
          else effect.unapproved = true
          return effect
        case 'command-end':
          if (phase === 'reporting') return effect // the shell's first report, before any prompt
          phase = 'reporting'
          atPrompt = false
          if (inFlight?.started) {
            return { ...effect, finished: { exitCode: mark.exitCode, note: null } }
          }
          lastExit = { exitCode: mark.exitCode }
          return effect
        case 'context':
          if (phase !== 'reporting') return forge()
          reported = mark.context
          return { ...effect, contextChanged: true }
        case 'names':
          if (phase !== 'reporting') return forge()
          names = { aliases: new Set(mark.aliases), functions: new Set(mark.functions) }
          return { ...effect, contextChanged: true }
      }
    },

    /** Output the command printed (filtered bytes): kept for the record while it runs. */
    onOutput(bytes: Uint8Array) {
      if (inFlight?.started) inFlight.excerpt.push(inFlight.decoder.decode(bytes, { stream: true }))
    },

    onBracketedPaste(on: boolean) {
      bracketedPaste = on
    },

    /** Looks at the foreground (every ~100 ms while something is in flight or starting). */
    tick(): TrackerEffect {
      const at = now()
      if (integration === 'starting') {
        if (at - startedAt < INTEGRATION_START_TIMEOUT_MS) return noEffect()
        integration = 'lost'
        return { ...noEffect(), integration: 'lost' }
      }
      if (!inFlight) return noEffect()
      const foreground = facts.foreground()
      if (foreground === 'job') {
        inFlight.jobSeenAt = at
        inFlight.shellSince = null
        return noEffect()
      }
      if (foreground === 'unknown') return noEffect()
      inFlight.shellSince ??= at
      if (isOn()) {
        if (at - Math.max(inFlight.writtenAt, inFlight.jobSeenAt) < INTEGRATION_LOST_AFTER_MS) {
          return noEffect()
        }
        integration = 'lost'
        atPrompt = false
        return {
          ...finishEffect(null, 'shell integration lost: exit code unknown'),
          integration: 'lost',
        }
      }
      if (at - inFlight.shellSince < UNINTEGRATED_IDLE_MS) return noEffect()
      return finishEffect(
        null,
        integration === 'lost'
          ? 'shell integration lost: exit code unknown'
          : 'no shell integration: exit code unknown',
      )
    },

    /** Something must be watched: polling the foreground is worth its cost. */
    get watching(): boolean {
      return inFlight !== null || integration === 'starting'
    },
  }
}

export type ShellTracker = ReturnType<typeof createShellTracker>
