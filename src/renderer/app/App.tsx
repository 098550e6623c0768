import { useAppStore } from '../stores/app-store'
import { TerminalPanel } from '../features/terminal/TerminalPanel'

export function App() {
  const host = useAppStore((s) => s.host)
  const appInfo = useAppStore((s) => s.appInfo)
  const hostStatus = useAppStore((s) => s.hostStatus)
  const hostError = useAppStore((s) => s.hostError)

  return (
    <div className="app">
      <header className="app-header">
        <h1>War Room</h1>
        {appInfo && (
          <span className="app-meta">
            {appInfo.shell === 'electron' ? 'Desktop' : 'Browser shell'} · v{appInfo.version}
          </span>
        )}
      </header>
      {hostError && (
        <div className="banner banner-error" role="alert">
          {hostError}
        </div>
      )}
      <main className="workspace">
        {host && hostStatus !== 'failed' ? (
          <TerminalPanel host={host} />
        ) : (
          <p className="placeholder" role="status">
            {hostStatus === 'connecting' ? 'Connecting to the War Room host…' : null}
          </p>
        )}
      </main>
    </div>
  )
}
