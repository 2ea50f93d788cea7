import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { IPC_EVENT, IPC_INVOKE, type AppEvent, type Channel, type RendererApi } from '../../src/shared/contract'
import { createRendererApi, type IpcRendererLike } from '../../src/preload/api'

class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  readonly sent: unknown[][] = []
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.sent.push([channel, ...args])
    return { ok: true, value: 'answer' }
  }
  override on(channel: string, listener: (event: unknown, payload: unknown) => void): this {
    return super.on(channel, listener)
  }
  override removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): this {
    return super.removeListener(channel, listener)
  }
}

describe('window.api (preload)', () => {
  it('is exactly the RendererApi: invoke and onEvent, nothing else', () => {
    const api: RendererApi = createRendererApi(new FakeIpcRenderer())
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent'])
  })

  it('sends a contract channel over the one invoke channel', async () => {
    const ipc = new FakeIpcRenderer()
    const api = createRendererApi(ipc)
    expect(await api.invoke('orders.get', { orderId: 'o1' })).toEqual({ ok: true, value: 'answer' })
    expect(ipc.sent).toEqual([[IPC_INVOKE, 'orders.get', { orderId: 'o1' }]])
  })

  it('refuses an unknown channel without sending it', async () => {
    const ipc = new FakeIpcRenderer()
    const api = createRendererApi(ipc)
    const r = await api.invoke('db.exec' as Channel, {} as never)
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'ResellerDesk does not know that request.' } })
    expect(await api.invoke('toString' as Channel, {} as never)).toMatchObject({ ok: false })
    expect(ipc.sent).toEqual([])
  })

  it('delivers events without the Electron event object, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer()
    const api = createRendererApi(ipc)
    const got: AppEvent[] = []
    const off = api.onEvent((e) => got.push(e))
    ipc.emit(IPC_EVENT, { sender: 'secret-ipc-object' }, { type: 'accounts.changed' })
    off()
    ipc.emit(IPC_EVENT, {}, { type: 'accounts.changed' })
    expect(got).toEqual([{ type: 'accounts.changed' }])
    expect(ipc.listenerCount(IPC_EVENT)).toBe(0)
  })
})

describe('the built preload (out/preload/index.cjs)', () => {
  const bundle = fileURLToPath(new URL('../../out/preload/index.cjs', import.meta.url))

  // Runs only after `electron-vite build`; the sandbox allows require('electron') and nothing from node_modules.
  it.skipIf(!existsSync(bundle))('is one CommonJS file that needs only electron, and exposes only window.api', () => {
    const required: string[] = []
    const exposed: Record<string, unknown> = {}
    const ipc = new FakeIpcRenderer()
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: ipc
    }
    const module = { exports: {} }
    runInNewContext(readFileSync(bundle, 'utf8'), {
      require: (name: string) => {
        required.push(name)
        if (name !== 'electron') throw new Error(`the sandbox cannot require ${name}`)
        return fakeElectron
      },
      module,
      exports: module.exports,
      console
    })
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['api'])
    expect(Object.keys(exposed['api'] as object).sort()).toEqual(['invoke', 'onEvent'])
  })
})
