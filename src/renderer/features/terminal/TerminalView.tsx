import type { RefObject } from 'react'
import type { Curtain } from '../../../shared/commands/gate-model'
import { clockTime } from '../incidents/format-time'

/**
 * Where xterm draws. With the curtain closed the room sees a blank panel instead (a command
 * is printing a secret); xterm keeps running behind it.
 */
export function TerminalView({
  containerRef,
  curtain,
}: {
  containerRef: RefObject<HTMLDivElement | null>
  curtain: Curtain | null
}) {
  return (
    <div className="terminal-frame">
      <div className="terminal-host" ref={containerRef} aria-hidden={curtain ? true : undefined} />
      {curtain && (
        <div className="terminal-curtain" role="status" aria-label="Terminal hidden from the room">
          Terminal hidden from the room by {curtain.name} since {clockTime(curtain.since)}.
        </div>
      )}
    </div>
  )
}
