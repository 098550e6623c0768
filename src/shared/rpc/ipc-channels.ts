/** The two Electron IPC channels the bridge uses; no other channel exists. */
export const ipcChannels = {
  call: 'warroom:call',
  event: 'warroom:event',
} as const
