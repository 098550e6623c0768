/**
 * A stand-in for Electron's ipcMain / ipcRenderer / WebContents, in one process, with as many
 * windows as a test opens. Arguments cross it through structuredClone, as they cross
 * Electron's IPC.
 */
import type { IpcCallEvent, IpcMainLike, IpcSender } from '../../src/main/electron/ipc-bridge'
import type { IpcRendererLike } from '../../src/preload/bridge'
import type { CallResult } from '../../src/shared/rpc/host-error'

type Handler = (event: IpcCallEvent, ...args: unknown[]) => Promise<CallResult>
type RendererListener = (event: unknown, ...args: unknown[]) => void

export interface IpcWindow {
  ipcRenderer: IpcRendererLike
  /** The window goes away, as when it is closed (or its renderer crashes). */
  destroy(): void
}

export interface IpcPair extends IpcWindow {
  ipcMain: IpcMainLike
  /** The first window's end (kept for tests that need one window). */
  destroyWindow(): void
  /** Another window of the same app (a reload is a new window on the same host). */
  openWindow(): IpcWindow
}

export function createIpcPair(frameUrl = 'app://warroom/index.html'): IpcPair {
  const handlers = new Map<string, Handler>()
  let nextId = 1

  const openWindow = (): IpcWindow => {
    const rendererListeners = new Map<string, RendererListener[]>()
    const senderListeners = new Map<string, Array<() => void>>()
    let destroyed = false
    const sender: IpcSender = {
      id: nextId++,
      send(channel, ...args) {
        if (destroyed) throw new Error('Object has been destroyed')
        const cloned = structuredClone(args)
        queueMicrotask(() => {
          for (const listener of rendererListeners.get(channel) ?? []) listener({}, ...cloned)
        })
      },
      isDestroyed: () => destroyed,
      once(event, listener) {
        senderListeners.set(event, [...(senderListeners.get(event) ?? []), listener])
      },
      on(event, listener) {
        senderListeners.set(event, [...(senderListeners.get(event) ?? []), listener])
      },
    }
    return {
      ipcRenderer: {
        async invoke(channel, ...args) {
          const handler = handlers.get(channel)
          if (!handler) throw new Error(`No handler registered for '${channel}'`)
          if (destroyed) throw new Error('the window is gone')
          const result = await handler(
            { sender, senderFrame: { url: frameUrl } },
            ...structuredClone(args),
          )
          return structuredClone(result)
        },
        on(channel, listener) {
          rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener])
        },
      },
      destroy() {
        destroyed = true
        for (const listener of senderListeners.get('destroyed') ?? []) listener()
      },
    }
  }

  const first = openWindow()
  return {
    ipcMain: {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
        handlers.set(channel, listener)
      },
      removeHandler(channel) {
        handlers.delete(channel)
      },
    },
    ipcRenderer: first.ipcRenderer,
    destroy: first.destroy,
    destroyWindow: first.destroy,
    openWindow,
  }
}
