// window.api, built over an injected ipcRenderer so it is unit-tested without Electron (main-preload.test.ts).
// Exactly the contract's RendererApi: one invoke for the contract's channels, one event subscription.
import { IPC_EVENT, IPC_INVOKE, isChannel } from '../shared/contract'
import type { AppEvent, Channel, ChannelInput, ChannelOutput, IpcResult, RendererApi } from '../shared/contract'

/** The part of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

// Same code and words as the core's dispatch() for an unknown channel, so the renderer sees one behaviour.
const UNKNOWN_CHANNEL = { code: 'UNKNOWN_CHANNEL', message: 'ResellerDesk does not know that request.' } as const

export function createRendererApi(ipc: IpcRendererLike) {
  return {
    invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>> {
      // Refused here too, so a typo never even reaches the main process.
      if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { ...UNKNOWN_CHANNEL } })
      // The main process validates the input and always answers with an IpcResult.
      return ipc.invoke(IPC_INVOKE, channel, input) as Promise<IpcResult<ChannelOutput<C>>>
    },
    onEvent(listener: (event: AppEvent) => void): () => void {
      // The IpcRendererEvent (with its sender) never reaches the page: only the AppEvent does.
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload as AppEvent)
      ipc.on(IPC_EVENT, wrapped)
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped)
      }
    }
  } satisfies RendererApi
}
