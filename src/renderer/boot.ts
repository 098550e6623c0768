/**
 * The page's entry: a small bundle (xterm and the host link, like a bare terminal page).
 * In the leader's working window that resumes an incident, the incident's shell is attached
 * and shown first (features/terminal/terminal-boot.ts). The app (React, the record in
 * IndexedDB, the panels) is loaded once the shell's first output is on screen; its
 * terminal panel takes that terminal over.
 */
import { isParticipantPage } from './api/connect-host'
import { isRoomViewPage } from './features/room/room-view'
import { discardBootedTerminal, startTerminalFirst } from './features/terminal/terminal-boot'

const terminalFirst = isParticipantPage() || isRoomViewPage() ? null : startTerminalFirst()
// The app is fetched once the shell shows, not meanwhile: its modules evaluated alongside
// cost the shell's first output ~40 ms of the one main thread (npm run bench -- cold-start).
;(terminalFirst ?? Promise.resolve())
  .then(() => import('./main'))
  .then(({ startApp }) => startApp())
  .catch((error: unknown) => {
    // Said on a screen of its own: not under the start-up screen.
    discardBootedTerminal()
    const alert = document.createElement('p')
    alert.className = 'banner banner-error'
    alert.setAttribute('role', 'alert')
    alert.textContent = `War Room could not load: ${error instanceof Error ? error.message : String(error)}. Reload the page.`
    document.body.prepend(alert)
  })
