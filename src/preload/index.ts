import { contextBridge, ipcRenderer } from 'electron'
import type { HostClient } from '../shared/contract'
import { createPreloadApi } from './bridge'

contextBridge.exposeInMainWorld('warroom', createPreloadApi(ipcRenderer) satisfies HostClient)
