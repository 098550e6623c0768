import '@xterm/xterm/css/xterm.css'
import './terminal.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import { sanitizePaste } from '../../../shared/commands/sanitize-paste'
import type { HostClient } from '../../../shared/contract'
import { activeRoster } from '../../../shared/incident/roster'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { BreakGlassControl } from './BreakGlassControl'
import { RefusedTypingNotice } from './RefusedTypingNotice'
import { TerminalController, type TerminalStatus } from './terminal-controller'

const statusText: Record<TerminalStatus, string> = {
  starting: 'Starting shell…',
  live: 'Live',
  exited: 'Shell exited',
  failed: 'Terminal failed',
}

export function TerminalPanel({ host, record }: { host: HostClient; record: IncidentRecord }) {
  const containerRef = useRef<HTMLDivElement>(null)
  const controllerRef = useRef<TerminalController | null>(null)
  const [status, setStatus] = useState<TerminalStatus>('starting')
  const [detail, setDetail] = useState<string | undefined>()
  const [pasteNotice, setPasteNotice] = useState<string | null>(null)
  const breakGlass = useAppStore((s) => s.gate?.breakGlass ?? null)
  const activity = useAppStore((s) => s.gate?.activity ?? 'unknown')
  const roster = useMemo(
    () => activeRoster(record.people, record.roles),
    [record.people, record.roles],
  )

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const store = useAppStore.getState()
    const controller = new TerminalController({
      host,
      container,
      onStatus: (next, message) => {
        setStatus(next)
        setDetail(message)
      },
      onSession: (sessionId) => store.terminalAttached(sessionId),
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
    })
    controllerRef.current = controller
    void controller.start()
    return () => {
      controllerRef.current = null
      controller.dispose()
    }
  }, [host])

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
          {statusText[status]}
          {detail ? `: ${detail}` : ''}
        </span>
        <span className="terminal-activity" aria-label="Shell activity">
          {breakGlass ? 'direct typing' : activity === 'running' ? 'command running' : 'guarded'}
        </span>
        {!breakGlass && (
          <BreakGlassControl roster={roster} defaultPersonId={record.incident.operatorId} />
        )}
      </header>
      {breakGlass && (
        <BreakGlassControl roster={roster} defaultPersonId={record.incident.operatorId} />
      )}
      <RefusedTypingNotice />
      {pasteNotice && (
        <p className="notice" role="status" aria-label="Paste">
          {pasteNotice}
        </p>
      )}
      <div className="terminal-host" ref={containerRef} />
    </section>
  )
}
