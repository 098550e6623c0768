import { app, dialog, type BrowserWindow } from 'electron'
import type { Host } from '../core/host'

/**
 * Shells outlive windows, but quitting ends them. Closing the last window (which quits the
 * app) or quitting while an approved command runs asks first; the answer "keep" keeps the
 * window open and the command running.
 */
export function guardQuit(host: Host, windows: () => BrowserWindow[]): void {
  let confirmed = false
  const ask = (window: BrowserWindow | null): boolean => {
    const running = host.runningCommands
    if (running === 0 || confirmed) return true
    const options = {
      type: 'warning' as const,
      buttons: ['Keep War Room open', 'Quit and end the command'],
      defaultId: 0,
      cancelId: 0,
      title: 'A command is still running',
      message: `${running === 1 ? 'An approved command is' : `${running} approved commands are`} still running.`,
      detail:
        'Quitting War Room ends its shells: the command is stopped and recorded as ended by the quit.',
    }
    const choice = window
      ? dialog.showMessageBoxSync(window, options)
      : dialog.showMessageBoxSync(options)
    confirmed = choice === 1
    return confirmed
  }
  app.on('browser-window-created', (_event, window) => {
    window.on('close', (event) => {
      const last = windows().filter((w) => !w.isDestroyed()).length <= 1
      if (last && !ask(window)) event.preventDefault()
    })
  })
  app.on('before-quit', (event) => {
    if (!ask(null)) event.preventDefault()
  })
}
