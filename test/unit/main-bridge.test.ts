import { request as httpRequest, type IncomingMessage } from 'node:http'
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EventBus } from '../../src/core/events'
import type { Handlers } from '../../src/core/app/handlers'
import type { AppEvent, RendererApi } from '../../src/shared/contract'
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp'
import { bridgeShell, startBridge, type Bridge } from '../bridge/server'
import { bridgeShimScript } from '../bridge/shim'

const INFO = { version: '0.1.0', profile: null, mode: 'demo', dataDir: '/tmp/demo', vault: 'unlocked', accountsCount: 5 } as const

interface Reply {
  status: number
  headers: IncomingMessage['headers']
  body: string
}

function call(bridge: Bridge, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(path, bridge.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

function invoke(bridge: Bridge, channel: string, input: unknown, headers: Record<string, string> = { 'x-bridge-token': bridge.token }): Promise<Reply> {
  return call(bridge, '/__bridge/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ channel, input })
  })
}

/** A minimal EventSource over node:http (Node 20 has none), enough for the shim and the SSE test. */
class NodeEventSource {
  private readonly listeners = new Map<string, Set<(e: { data?: string }) => void>>()
  private res: IncomingMessage | null = null
  constructor(url: string) {
    const req = httpRequest(url, (res) => {
      this.res = res
      if (res.statusCode !== 200) {
        this.fire('error', {})
        res.resume()
        return
      }
      this.fire('open', {})
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n')
          if (data) this.fire('message', { data })
        }
      })
    })
    req.on('error', () => this.fire('error', {}))
    req.end()
  }
  addEventListener(type: string, l: (e: { data?: string }) => void, opts?: { once?: boolean }): void {
    const set = this.listeners.get(type) ?? new Set()
    const wrapped = opts?.once ? (e: { data?: string }) => (set.delete(wrapped), l(e)) : l
    set.add(wrapped)
    this.listeners.set(type, set)
  }
  close(): void {
    this.res?.destroy()
  }
  private fire(type: string, e: { data?: string }): void {
    for (const l of [...(this.listeners.get(type) ?? [])]) l(e)
  }
}

let dir: string
let events: EventBus
let calls: unknown[]
let bridge: Bridge
const sources: NodeEventSource[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rd-bridge-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>ResellerDesk</title>')
  writeFileSync(join(renderer, 'assets', 'index.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer')
  events = new EventBus()
  calls = []
  const handlers: Partial<Handlers> = {
    'app.info': async (input) => {
      calls.push(['app.info', input])
      return INFO
    },
    'accounts.remove': async (input) => {
      calls.push(['accounts.remove', input])
      events.emit({ type: 'accounts.changed' })
      return { removed: true }
    }
  }
  bridge = await startBridge({ host: { handlers: handlers as Handlers, events }, rendererDir: renderer, exportDir: join(dir, 'exports') })
})

afterEach(async () => {
  for (const s of sources.splice(0)) s.close()
  await bridge.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('test bridge', () => {
  it('listens on 127.0.0.1 only, with a fresh 32-byte token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/)
  })

  it('serves the built renderer with the app’s CSP, and nothing outside it', async () => {
    const index = await call(bridge, '/')
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(index.body).toContain('<title>ResellerDesk</title>')
    expect((await call(bridge, '/assets/index.js')).headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await call(bridge, '/missing.js')).status).toBe(404)
    for (const path of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const r = await call(bridge, path)
      expect([403, 404]).toContain(r.status)
      expect(r.body).not.toContain('outside the renderer')
    }
    expect((await call(bridge, '/..%2fsecret.txt')).status).toBe(403)
  })

  it('invokes a channel through dispatch', async () => {
    const r = await invoke(bridge, 'app.info', {})
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: INFO })
    expect(calls).toEqual([['app.info', {}]])
  })

  it('answers unknown channels and invalid input the way IPC does', async () => {
    expect(JSON.parse((await invoke(bridge, 'db.query', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(JSON.parse((await invoke(bridge, 'accounts.remove', {})).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(calls).toEqual([])
  })

  it('refuses a missing or wrong token', async () => {
    expect((await invoke(bridge, 'app.info', {}, {})).status).toBe(403)
    expect((await invoke(bridge, 'app.info', {}, { 'x-bridge-token': 'f'.repeat(64) })).status).toBe(403)
    expect((await invoke(bridge, 'app.info', {}, { 'x-bridge-token': bridge.token.slice(1) })).status).toBe(403)
    expect((await call(bridge, '/__bridge/events')).status).toBe(403)
    expect((await call(bridge, '/__bridge/events?token=nope')).status).toBe(403)
    expect(calls).toEqual([])
  })

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const port = new URL(bridge.url).port
    const token = { 'x-bridge-token': bridge.token }
    expect((await invoke(bridge, 'app.info', {}, { ...token, host: `evil.example:${port}` })).status).toBe(403)
    expect((await invoke(bridge, 'app.info', {}, { ...token, host: '127.0.0.1:1' })).status).toBe(403)
    expect((await call(bridge, '/', { headers: { host: 'evil.example' } })).status).toBe(403)
    expect((await invoke(bridge, 'app.info', {}, { ...token, origin: 'https://evil.example' })).status).toBe(403)
    expect((await invoke(bridge, 'app.info', {}, { ...token, host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200)
    expect(calls).toHaveLength(1)
  })

  it('streams host events as server-sent events', async () => {
    const source = new NodeEventSource(`${bridge.url}__bridge/events?token=${bridge.token}`)
    sources.push(source)
    await new Promise<void>((r) => source.addEventListener('open', () => r(), { once: true }))
    const got = new Promise<AppEvent>((r) => source.addEventListener('message', (e) => r(JSON.parse(e.data ?? '') as AppEvent), { once: true }))
    events.emit({ type: 'catalog.synced', accountId: 'a1', items: 12 })
    expect(await got).toEqual({ type: 'catalog.synced', accountId: 'a1', items: 12 })
  })

  it('closes with event streams still open', async () => {
    const source = new NodeEventSource(`${bridge.url}__bridge/events?token=${bridge.token}`)
    sources.push(source)
    await new Promise<void>((r) => source.addEventListener('open', () => r(), { once: true }))
    await bridge.close()
    bridge = await startBridge({ host: { handlers: {} as Handlers, events }, rendererDir: dir, exportDir: dir }) // for afterEach
  })

  it('writes exports into exportDir under the suggested name', async () => {
    const exports = join(dir, 'exports')
    const shell = bridgeShell(exports)
    expect(await shell.chooseExportPath('codes-2026-11-01.csv')).toBe(join(exports, 'codes-2026-11-01.csv'))
    expect(await shell.chooseExportPath('../../x.csv')).toBe(join(exports, 'x.csv'))
    expect(existsSync(exports)).toBe(true)
  })
})

describe('the Playwright shim', () => {
  /** Runs the shim as a page at `origin` would, with fetch and EventSource pointed at the bridge. */
  function loadShim(origin: string): { api?: RendererApi } {
    const base = bridge.url
    const window: { location: { origin: string }; api?: RendererApi } = { location: { origin } }
    const fetchRelative = (path: string, init: RequestInit) => fetch(new URL(path, base), init)
    class EventSourceRelative extends NodeEventSource {
      constructor(path: string) {
        super(new URL(path, base).href)
        sources.push(this)
      }
    }
    runInNewContext(bridgeShimScript(bridge.url, bridge.token), { window, fetch: fetchRelative, EventSource: EventSourceRelative, console })
    return window
  }

  it('gives the bridge page a window.api that invokes, refuses unknown channels, and streams events', async () => {
    const page = loadShim(new URL(bridge.url).origin)
    const api = page.api
    if (!api) throw new Error('no window.api')
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent'])
    expect(await api.invoke('app.info', {})).toEqual({ ok: true, value: INFO })
    expect(await api.invoke('nope' as 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })

    const got: AppEvent[] = []
    const changed = new Promise<void>((r) => {
      api.onEvent((e) => {
        got.push(e)
        r()
      })
    })
    // invoke waits for the event stream to be open, so the event this call causes cannot be missed
    expect(await api.invoke('accounts.remove', { accountId: 'a1' })).toEqual({ ok: true, value: { removed: true } })
    await changed
    expect(got).toEqual([{ type: 'accounts.changed' }])
  })

  it('stays out of pages from any other origin', () => {
    expect(loadShim('https://example.com').api).toBeUndefined()
  })
})
