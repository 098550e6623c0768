import '@xterm/xterm/css/xterm.css'
import { useEffect, useRef, useState } from 'react'
import type { HostClient } from '../../../shared/contract'
import { TerminalController, type TerminalStatus } from './terminal-controller'

const statusText: Record<TerminalStatus, string> = {
  starting: 'Starting shell…',
  live: 'Live',
  exited: 'Shell exited',
  failed: 'Terminal failed',
}

export function TerminalPanel({ host }: { host: HostClient }) {
  const containerRef = useRef<HTMLDivElement>(null)
  const [status, setStatus] = useState<TerminalStatus>('starting')
  const [detail, setDetail] = useState<string | undefined>()

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const controller = new TerminalController({
      host,
      container,
      onStatus: (next, message) => {
        setStatus(next)
        setDetail(message)
      },
    })
    void controller.start()
    return () => controller.dispose()
  }, [host])

  return (
    <section className="panel panel-terminal" aria-label="Terminal" data-terminal-state={status}>
      <header className="panel-header">
        <h2>Terminal</h2>
        <span className={`terminal-status terminal-status-${status}`} role="status">
          {statusText[status]}
          {detail ? `: ${detail}` : ''}
        </span>
      </header>
      <div className="terminal-host" ref={containerRef} />
    </section>
  )
}
