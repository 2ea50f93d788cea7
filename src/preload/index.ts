// The sandboxed preload (bundled to one CommonJS file, out/preload/index.cjs). It exposes the contract as
// window.api and nothing else: no ipcRenderer, no generic electronAPI, no Node.
import { contextBridge, ipcRenderer } from 'electron'
import type { RendererApi } from '../shared/contract'
import { createRendererApi } from './api'

const api = createRendererApi(ipcRenderer) satisfies RendererApi

contextBridge.exposeInMainWorld('api', api)
