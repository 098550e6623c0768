/**
 * Electron shell entry: app lifecycle, the secure window, the app:// protocol and the IPC
 * bridge to the core. Thin by design: behaviour lives in the core and the renderer.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron'
import type { AskSavePath } from '../core/files/save-file'
import { createHost, type Host } from '../core/host'
import { readListenAddress } from '../server/options'
import { participantServers } from '../server/participant-access'
import { APP_ORIGIN, APP_SCHEME, isAppUrl, serveAppRequest } from './app-protocol'
import { bridgeIpc } from './ipc-bridge'
import { guardQuit } from './quit-guard'
import { lockDownContents } from './window-security'

const rendererDir = join(__dirname, '../renderer')

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])
app.enableSandbox()

/** The leader's window, or a room view to share on the call (same security settings). */
function createWindow(kind: 'main' | 'room'): BrowserWindow {
  const window = new BrowserWindow({
    width: kind === 'room' ? 1280 : 1440,
    height: kind === 'room' ? 720 : 900,
    title: kind === 'room' ? 'War Room — room view' : 'War Room',
    backgroundColor: '#0b0f14',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  void window.loadURL(`${APP_ORIGIN}/index.html${kind === 'room' ? '?view=room' : ''}`)
  return window
}

/** The native save dialog, attached to the window that asked. */
const askSavePath: AskSavePath = async (suggestedName, kind) => {
  const filters =
    kind === 'markdown'
      ? [{ name: 'Markdown', extensions: ['md'] }]
      : [{ name: 'War Room incident (JSON)', extensions: ['json'] }]
  const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters }
  const window = BrowserWindow.getFocusedWindow()
  const result = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}

void app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request))
  // No remote content: only the app's own files and devtools may load.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url) || details.url.startsWith('devtools://')
    callback({ cancel: !allowed })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  )
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents))

  const dataDir = app.getPath('userData')
  // Invited people reach the host through a participants-only server, started at the first
  // invite: loopback, plus one LAN address over HTTPS if asked for (--listen or WARROOM_LISTEN).
  const participants = participantServers({
    rendererDir,
    port: 0,
    dataDir,
    listen: readListenAddress(process.argv, process.env),
  })
  let host: Host
  try {
    host = createHost({
      shellKind: 'electron',
      version: app.getVersion(),
      askSavePath,
      dataDir,
      openRoomView: () => void createWindow('room'),
      participants: {
        inviteUrl: async (token) => {
          await participants.start(host)
          return participants.inviteUrl(token)
        },
      },
    })
  } catch (error) {
    // Another War Room (a browser shell, another copy) already uses this data directory.
    dialog.showErrorBox(
      'War Room could not start',
      error instanceof Error ? error.message : String(error),
    )
    app.exit(1)
    return
  }
  const unbridge = bridgeIpc(ipcMain, host, isAppUrl)
  guardQuit(host, () => BrowserWindow.getAllWindows())
  createWindow('main')

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow('main')
  })
  app.on('will-quit', () => {
    unbridge()
    host.dispose('War Room was quit')
    void participants.close()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
