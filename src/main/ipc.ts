// Electron IPC, the app's transport of the contract: one invoke channel into dispatch() and one event channel
// out. Every request passes the sender check before dispatch() validates its input against the contract.
import { IPC_EVENT, IPC_INVOKE, type AppEvent, type IpcResult } from '../shared/contract'
import { dispatch } from '../core/app/dispatch'
import type { AppHost } from '../core/app/app-host'
import type { EventBus } from '../core/events'
import type { AppUrlMatcher } from './app-url'
import { strings } from './strings'

/** The part of ipcMain used here (Electron's ipcMain satisfies it). */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

export type SenderCheck<E> = (event: E) => boolean

export function registerIpc<E>(ipcMain: IpcMainLike<E>, host: Pick<AppHost, 'handlers'>, isTrustedSender: SenderCheck<E>): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel, input): Promise<IpcResult<unknown>> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: strings.forbiddenSender } }
    }
    return dispatch(host.handlers, channel, input)
  })
  return () => ipcMain.removeHandler(IPC_INVOKE)
}

// ---- who may call ----------------------------------------------------------------------------------------------

/** The parts of Electron's IpcMainInvokeEvent / WebFrameMain / WebContents the check reads. */
export interface FrameIdentity {
  readonly processId: number
  /** Unique per document host; compared instead of object identity, which Electron does not promise. */
  readonly frameToken: string
}
export interface FrameLike extends FrameIdentity {
  readonly url: string
  readonly parent: unknown
  /** A frame on its way out (e.g. mid-navigation) no longer speaks for the page. */
  readonly detached: boolean
}
export interface InvokeEventLike {
  readonly sender: unknown
  readonly senderFrame: FrameLike | null
}
export interface AppContentsLike {
  readonly mainFrame: FrameIdentity
  isDestroyed(): boolean
}

/**
 * A request is ours when it comes from the main frame of our own window while that frame shows the app page.
 * A frame that navigated away (senderFrame null), an iframe, or another window never reaches the core.
 */
export function createSenderCheck(isAppUrl: AppUrlMatcher, getAppContents: () => AppContentsLike | null): SenderCheck<InvokeEventLike> {
  return (event) => {
    const frame = event.senderFrame
    if (!frame || frame.detached || frame.parent !== null) return false
    const contents = getAppContents()
    if (!contents || contents.isDestroyed() || event.sender !== contents) return false
    const main = contents.mainFrame
    return frame.processId === main.processId && frame.frameToken === main.frameToken && isAppUrl(frame.url)
  }
}

// ---- events out --------------------------------------------------------------------------------------------------

export interface EventSink {
  isDestroyed(): boolean
  send(channel: string, event: AppEvent): void
}

/** Forward every core event to the windows alive at that moment; returns the unsubscribe. */
export function forwardEvents(events: Pick<EventBus, 'on'>, targets: () => Iterable<EventSink>): () => void {
  return events.on((event) => sendEvent(targets(), event))
}

export function sendEvent(targets: Iterable<EventSink>, event: AppEvent): void {
  for (const t of targets) {
    if (!t.isDestroyed()) t.send(IPC_EVENT, event)
  }
}
