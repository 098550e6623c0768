import type { RefObject } from 'react'
import type { Curtain } from '../../../shared/commands/gate-model'
import { clockTime } from '../incidents/format-time'

/**
 * Where xterm draws. With the curtain closed the room sees a blank panel instead (a command
 * is printing a secret); xterm keeps running behind it. Until the gate's state is known the
 * panel shows nothing either.
 */
export function TerminalView({
  containerRef,
  curtain,
  gateKnown = true,
}: {
  containerRef: RefObject<HTMLDivElement | null>
  curtain: Curtain | null
  /**
   * False until the shell's gate state has been read: output shown before then could be
   * what the curtain hides from the room, so none is.
   */
  gateKnown?: boolean
}) {
  return (
    <div className="terminal-frame">
      <div
        className={`terminal-host${gateKnown ? '' : ' terminal-gate-unknown'}`}
        ref={containerRef}
        aria-hidden={curtain || !gateKnown ? true : undefined}
      />
      {curtain && (
        <div className="terminal-curtain" role="status" aria-label="Terminal hidden from the room">
          Terminal hidden from the room by {curtain.name} since {clockTime(curtain.since)}.
        </div>
      )}
    </div>
  )
}
