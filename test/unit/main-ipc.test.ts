import { describe, expect, it } from 'vitest'
import { pathToFileURL } from 'node:url'
import { EventBus } from '../../src/core/events'
import type { Handlers } from '../../src/core/app/handlers'
import { IPC_EVENT, IPC_INVOKE, type AppEvent } from '../../src/shared/contract'
import { createAppUrlMatcher } from '../../src/main/app-url'
import { createSenderCheck, forwardEvents, registerIpc, type InvokeEventLike, type IpcMainLike } from '../../src/main/ipc'

const INDEX = '/app/out/renderer/index.html'
const APP_URL = pathToFileURL(INDEX).href
const isAppUrl = createAppUrlMatcher({ kind: 'file', indexHtmlPath: INDEX }, 'linux')

const INFO = { version: '0.1.0', profile: null, mode: 'demo', dataDir: '/tmp/demo', vault: 'unlocked', accountsCount: 5 } as const

/** Only the channels these tests call; dispatch() never reaches the others. */
function fakeHandlers(calls: unknown[]): Handlers {
  const partial: Partial<Handlers> = {
    'app.info': async (input) => {
      calls.push(['app.info', input])
      return INFO
    },
    'orders.get': async (input) => {
      calls.push(['orders.get', input])
      throw Object.assign(new Error('no such order'), {})
    }
  }
  return partial as Handlers
}

class FakeIpcMain implements IpcMainLike<InvokeEventLike> {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error('second handler for ' + channel)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  invoke(event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(IPC_INVOKE)
    if (!h) throw new Error('no handler')
    return h(event, ...args)
  }
}

let frames = 0
function fakeWindow(url = APP_URL) {
  frames++
  const mainFrame = { url, parent: null, detached: false, processId: 7, frameToken: `token-${frames}` }
  const contents = { mainFrame, destroyed: false, isDestroyed() { return this.destroyed } }
  const event: InvokeEventLike = { sender: contents, senderFrame: mainFrame }
  return { contents, mainFrame, event }
}

function setup(url?: string) {
  const win = fakeWindow(url)
  const calls: unknown[] = []
  const ipc = new FakeIpcMain()
  const check = createSenderCheck(isAppUrl, () => win.contents)
  const dispose = registerIpc(ipc, { handlers: fakeHandlers(calls) }, check)
  return { win, calls, ipc, dispose }
}

describe('Electron IPC', () => {
  it('runs a valid request from our window through dispatch', async () => {
    const { win, ipc, calls } = setup()
    // Electron may hand out a different wrapper object for the same frame: identity is by token, not by object
    const sameFrame = { ...win.mainFrame }
    expect(await ipc.invoke({ sender: win.contents, senderFrame: sameFrame }, 'app.info', {})).toEqual({ ok: true, value: INFO })
    expect(await ipc.invoke(win.event, 'app.info', undefined)).toEqual({ ok: true, value: INFO })
    expect(calls).toEqual([
      ['app.info', {}],
      ['app.info', {}]
    ])
  })

  it('refuses an unknown channel', async () => {
    const { win, ipc, calls } = setup()
    const r = await ipc.invoke(win.event, 'db.query', { sql: 'select * from codes' })
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(await ipc.invoke(win.event, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(calls).toEqual([])
  })

  it('answers invalid input with VALIDATION and never calls the handler', async () => {
    const { win, ipc, calls } = setup()
    const r = await ipc.invoke(win.event, 'app.info', { extra: 1 })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const r2 = await ipc.invoke(win.event, 'orders.get', { orderId: 42 })
    expect(r2).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { orderId: expect.any(String) } } })
    expect(calls).toEqual([])
  })

  it('turns a handler failure into a plain error without internals', async () => {
    const { win, ipc } = setup()
    const r = await ipc.invoke(win.event, 'orders.get', { orderId: 'o1' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(r)).not.toContain('no such order')
  })

  it('refuses requests that do not come from the main frame of our window on the app page', async () => {
    const { win, ipc, calls } = setup()
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } }

    // an iframe inside our window
    const iframe = { ...win.mainFrame, parent: win.mainFrame, frameToken: 'iframe-token' }
    expect(await ipc.invoke({ sender: win.contents, senderFrame: iframe }, 'app.info', {})).toMatchObject(forbidden)
    // a top-level frame of our WebContents that is not its main frame (a fenced frame has no parent either)
    const fenced = { ...win.mainFrame, frameToken: 'fenced-token' }
    expect(await ipc.invoke({ sender: win.contents, senderFrame: fenced }, 'app.info', {})).toMatchObject(forbidden)
    // the old document of a navigation, detached from the page
    expect(await ipc.invoke({ sender: win.contents, senderFrame: { ...win.mainFrame, detached: true } }, 'app.info', {})).toMatchObject(forbidden)
    // a copy of our frame's identity sent from another WebContents
    const other0 = fakeWindow()
    expect(await ipc.invoke({ sender: other0.contents, senderFrame: win.mainFrame }, 'app.info', {})).toMatchObject(forbidden)
    // a frame that has gone (navigated or destroyed)
    expect(await ipc.invoke({ sender: win.contents, senderFrame: null }, 'app.info', {})).toMatchObject(forbidden)
    // another window showing the same page
    const other = fakeWindow()
    expect(await ipc.invoke(other.event, 'app.info', {})).toMatchObject(forbidden)
    // our window after navigating elsewhere
    const away = { ...win.mainFrame }
    Object.assign(win.mainFrame, { url: 'https://evil.example/' })
    expect(await ipc.invoke(win.event, 'app.info', {})).toMatchObject(forbidden)
    Object.assign(win.mainFrame, away)
    // a destroyed window
    win.contents.destroyed = true
    expect(await ipc.invoke(win.event, 'app.info', {})).toMatchObject(forbidden)
    expect(calls).toEqual([])
  })

  it('refuses everything when there is no window', async () => {
    const ipc = new FakeIpcMain()
    const calls: unknown[] = []
    registerIpc(ipc, { handlers: fakeHandlers(calls) }, createSenderCheck(isAppUrl, () => null))
    expect(await ipc.invoke(fakeWindow().event, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(calls).toEqual([])
  })

  it('unregisters its handler', () => {
    const { ipc, dispose } = setup()
    dispose()
    expect(ipc.handlers.size).toBe(0)
  })
})

describe('events to the renderer', () => {
  it('sends each core event to the live windows on the event channel', () => {
    const bus = new EventBus()
    const sent: [string, AppEvent][] = []
    const live = { isDestroyed: () => false, send: (c: string, e: AppEvent) => sent.push([c, e]) }
    const dead = { isDestroyed: () => true, send: () => { throw new Error('sent to a destroyed window') } }
    const off = forwardEvents(bus, () => [live, dead])
    bus.emit({ type: 'accounts.changed' })
    off()
    bus.emit({ type: 'accounts.changed' })
    expect(sent).toEqual([[IPC_EVENT, { type: 'accounts.changed' }]])
  })
})
