import '@xterm/xterm/css/xterm.css'
import './terminal.css'
import { useEffect, useRef, useState } from 'react'
import { sanitizePaste } from '../../../shared/commands/sanitize-paste'
import type { HostClient } from '../../../shared/contract'
import type { RosterMember } from '../../../shared/commands/gate-model'
import { useAppStore } from '../../stores/app-store'
import { BreakGlassControl } from './BreakGlassControl'
import { RefusedTypingNotice } from './RefusedTypingNotice'
import {
  TERMINAL_STATUS_TEXT,
  TerminalController,
  type TerminalCallbacks,
  type TerminalStatus,
} from './terminal-controller'
import { adoptBootedTerminal } from './terminal-boot'
import { TerminalView } from './TerminalView'
import { askToForce } from './ask-to-force'

/** Terminal type size in the working view, and for the room (readable on a shared call). */
const WORKING_FONT_PX = 15
const PRESENT_FONT_PX = 20

function activityText(breakGlass: boolean, integration: string, keysPass: boolean): string {
  if (breakGlass) return 'direct typing'
  if (integration === 'lost') return 'shell integration lost: keys refused'
  if (integration === 'none') return 'no shell integration: keys refused'
  return keysPass ? 'command running: keys go to it' : 'guarded'
}

/**
 * The leader's terminal: the incident's shell (started if it has none), guarded by the gate.
 * The shell belongs to the host: a reload or a second window shows the same one.
 */
export function TerminalPanel({
  host,
  incidentId,
  people,
  controlling = true,
}: {
  host: HostClient
  incidentId: string
  /**
   * Who may break glass and who is at the keyboard; null while the record still loads (the
   * shell is live before it, break-glass comes with the roster).
   */
  people: { roster: RosterMember[]; operatorId: string | null } | null
  /** The leader's working window (keys, size, break-glass); false in a room view window. */
  controlling?: boolean
}) {
  const containerRef = useRef<HTMLDivElement>(null)
  const controllerRef = useRef<TerminalController | null>(null)
  const [status, setStatus] = useState<TerminalStatus>('starting')
  const [detail, setDetail] = useState<string | undefined>()
  const [pasteNotice, setPasteNotice] = useState<string | null>(null)
  /** Bumped to start a new shell after this one exited or was closed. */
  const [generation, setGeneration] = useState(0)
  const gate = useAppStore((s) => s.gate)
  const sessionId = useAppStore((s) => s.terminalSessionId)
  const breakGlass = gate?.breakGlass ?? null
  const presenting = useAppStore((s) => s.presenting) || !controlling

  useEffect(() => {
    controllerRef.current?.setFontSize(presenting ? PRESENT_FONT_PX : WORKING_FONT_PX)
  }, [presenting, status])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    setStatus('starting')
    setDetail(undefined)
    const callbacks: TerminalCallbacks = {
      onStatus: (next, message) => {
        setStatus(next)
        setDetail(message)
      },
      onSession: (session) => {
        const store = useAppStore.getState()
        store.terminalAttached(session?.sessionId ?? null)
        if (session)
          void host['gate.state']({ sessionId: session.sessionId }).then(store.gateChanged)
      },
      onRefused: (data, reason) => useAppStore.getState().keysRefused(data, reason),
      onPaste: (raw) => {
        const paste = sanitizePaste(raw)
        const removed = paste.removed
          ? ` (${paste.removed} hidden or control characters removed)`
          : ''
        if (useAppStore.getState().gate?.breakGlass) {
          if (
            paste.needsConfirmation &&
            !window.confirm(
              `Paste ${paste.lines} lines into the shell? Each line runs as a command.`,
            )
          )
            return
          controller.paste(paste.text)
          setPasteNotice(removed ? `Pasted${removed}.` : null)
          return
        }
        // Guarded: a paste becomes a proposal, never keystrokes at the prompt.
        useAppStore.getState().setProposalDraft(paste.text)
        setPasteNotice(`Pasted text went to the proposal box${removed}.`)
      },
    }
    // The start-up path may have attached this incident's shell already: take it over.
    const adopted = controlling ? adoptBootedTerminal(incidentId, container, callbacks) : null
    const controller =
      adopted ??
      new TerminalController({
        host,
        container,
        // A room view only shows the incident's shell; the leader's window starts one if needed.
        target: controlling ? { incidentId } : { incidentId, attachOnly: true },
        controlling,
        ...callbacks,
      })
    controllerRef.current = controller
    if (!adopted) void controller.start()
    return () => {
      controllerRef.current = null
      controller.dispose()
    }
  }, [host, incidentId, generation, controlling])

  const closeShell = async () => {
    if (!sessionId) return
    if (!window.confirm('Close this terminal? Its shell ends.')) return
    await askToForce((force) => host['terminal.kill']({ sessionId, force })).catch(
      (error: unknown) =>
        useAppStore.setState({ gateError: error instanceof Error ? error.message : String(error) }),
    )
  }

  return (
    <section
      className={`panel panel-terminal${breakGlass ? ' terminal-break-glass' : ''}`}
      aria-label="Terminal"
      data-terminal-state={status}
      data-break-glass={breakGlass ? 'on' : 'off'}
    >
      <header className="panel-header">
        <h2>Terminal</h2>
        <span className={`terminal-status terminal-status-${status}`} role="status">
          {TERMINAL_STATUS_TEXT[status]}
          {detail ? `: ${detail}` : ''}
        </span>
        <span className="terminal-activity" aria-label="Shell activity">
          {activityText(!!breakGlass, gate?.integration ?? 'starting', gate?.keysPass ?? false)}
        </span>
        {controlling && status === 'live' && (
          <button
            type="button"
            aria-pressed={!!gate?.curtain}
            onClick={() =>
              void useAppStore.getState().gateCall('gate.curtain', { closed: !gate?.curtain })
            }
          >
            {gate?.curtain ? 'Show to the room' : 'Hide from the room'}
          </button>
        )}
        {controlling && !breakGlass && status === 'live' && people && (
          <BreakGlassControl roster={people.roster} defaultPersonId={people.operatorId} />
        )}
        {controlling && status === 'live' && (
          <button
            type="button"
            className="button-quiet terminal-close"
            onClick={() => void closeShell()}
          >
            Close terminal
          </button>
        )}
        {controlling && (status === 'exited' || status === 'failed') && (
          <button type="button" onClick={() => setGeneration((g) => g + 1)}>
            Start a new shell
          </button>
        )}
      </header>
      {controlling && breakGlass && people && (
        <BreakGlassControl roster={people.roster} defaultPersonId={people.operatorId} />
      )}
      {(gate?.integration === 'lost' || gate?.integration === 'none') && (
        <p className="banner banner-error" role="alert" aria-label="Shell integration lost">
          {gate.integration === 'lost'
            ? 'Shell integration lost: the shell no longer reports its prompt (a line left unfinished waits for more input, or an approved command removed or replaced the integration). Typed keys are refused and approved commands wait until the prompt is back: press Ctrl-C, or start a new shell.'
            : 'This shell has no War Room integration: typed keys are refused; approved commands run with exit codes unknown.'}
        </p>
      )}
      {gate && gate.unapprovedCommands > 0 && (
        <p className="banner banner-error" role="alert" aria-label="Unapproved commands">
          The shell ran {gate.unapprovedCommands} command
          {gate.unapprovedCommands === 1 ? '' : 's'} nobody approved (a program typed{' '}
          {gate.unapprovedCommands === 1 ? 'it' : 'them'} into the terminal?): see the timeline.
        </p>
      )}
      {gate && gate.forgedMarks > 0 && (
        <p className="notice" role="status" aria-label="Forged marks">
          {gate.forgedMarks} shell-integration mark{gate.forgedMarks === 1 ? '' : 's'} printed by a
          program (not this shell) ignored.
        </p>
      )}
      <RefusedTypingNotice />
      {pasteNotice && (
        <p className="notice" role="status" aria-label="Paste">
          {pasteNotice}
        </p>
      )}
      <TerminalView
        containerRef={containerRef}
        curtain={gate?.curtain ?? null}
        gateKnown={gate !== null && gate.sessionId === sessionId}
      />
    </section>
  )
}
