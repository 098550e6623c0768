import '@xterm/xterm/css/xterm.css'
import { useEffect, useRef, useState } from 'react'
import type { HostClient, TerminalSession } from '../../../shared/contract'
import { useAppStore } from '../../stores/app-store'
import { TerminalController, type TerminalStatus } from '../terminal/terminal-controller'
import { TerminalView } from '../terminal/TerminalView'

/**
 * The incident's shell, read-only: what the leader's terminal shows, live. Keys typed here
 * go nowhere (and the host would refuse them anyway).
 */
export function ParticipantTerminal({
  host,
  session,
  fontSize,
}: {
  host: HostClient
  session: TerminalSession
  fontSize?: number
}) {
  const containerRef = useRef<HTMLDivElement>(null)
  const [status, setStatus] = useState<TerminalStatus>('starting')
  const curtain = useAppStore((s) => s.gate?.curtain ?? null)

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const controller = new TerminalController({
      host,
      container,
      target: { sessionId: session.sessionId },
      controlling: false,
      ...(fontSize ? { fontSize } : {}),
      onStatus: (next) => setStatus(next),
      onSession: (attached) => {
        const store = useAppStore.getState()
        store.terminalAttached(attached?.sessionId ?? null)
        if (attached) {
          void host['gate.state']({ sessionId: attached.sessionId }).then(store.gateChanged)
        }
      },
    })
    void controller.start()
    return () => controller.dispose()
  }, [host, session.sessionId, fontSize])

  return (
    <section
      className="panel panel-terminal terminal-read-only"
      aria-label="Terminal"
      data-terminal-state={status}
    >
      <header className="panel-header">
        <h2>Terminal</h2>
        <span className="terminal-status" role="status">
          {status === 'live'
            ? 'Live (read-only)'
            : status === 'starting'
              ? 'Connecting…'
              : 'Shell exited'}
        </span>
      </header>
      <TerminalView containerRef={containerRef} curtain={curtain} />
    </section>
  )
}
