import type { HostClient } from '../../../shared/contract'

/** xterm's cell at 15 px, near enough to start a shell before the panel exists. */
const CELL_WIDTH_PX = 9
const CELL_HEIGHT_PX = 18
/** The terminal's share of the window in the working view (the panel refits it on attach). */
const WIDTH_SHARE = 0.45
const HEIGHT_SHARE = 0.4

const early = new Map<string, Promise<string>>()

/**
 * Finds or starts the incident's shell while the record is still loading, with a size
 * estimated from the window, so the terminal panel attaches to a live prompt the moment it
 * mounts (the cold-start path) instead of asking only then.
 */
export function prestartTerminal(host: HostClient, incidentId: string): void {
  if (early.has(incidentId)) return
  const cols = Math.max(20, Math.floor((window.innerWidth * WIDTH_SHARE) / CELL_WIDTH_PX))
  const rows = Math.max(5, Math.floor((window.innerHeight * HEIGHT_SHARE) / CELL_HEIGHT_PX))
  const started = (async () => {
    const running = (await host['terminal.list']({})).find((s) => s.incidentId === incidentId)
    if (running) return running.sessionId
    return (await host['terminal.create']({ incidentId, cols, rows })).sessionId
  })()
  early.set(incidentId, started)
  started.catch(() => early.delete(incidentId))
}

/** The shell started early for this incident, if any (each start is taken once). */
export function takePrestarted(incidentId: string): Promise<string> | null {
  const started = early.get(incidentId) ?? null
  early.delete(incidentId)
  return started
}
