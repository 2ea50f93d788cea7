// The bridge against the real AppHost in demo mode: what a Playwright run will do, minus the browser.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppHost } from '../../src/core/app/app-host'
import type { AppEvent, IpcResult } from '../../src/shared/contract'
import { bridgeShell, startBridge, type Bridge } from '../bridge/server'

let dir: string
let host: AppHost
let bridge: Bridge

async function invoke<T>(channel: string, input: unknown): Promise<IpcResult<T>> {
  const res = await fetch(new URL('/__bridge/invoke', bridge.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bridge-token': bridge.token },
    body: JSON.stringify({ channel, input })
  })
  expect(res.status).toBe(200)
  return (await res.json()) as IpcResult<T>
}

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rd-bridge-host-'))
  host = await AppHost.start({
    liveDataDir: join(dir, 'live'),
    demoDataDir: join(dir, 'demo'),
    keyProvider: null,
    shell: bridgeShell(join(dir, 'exports')),
    actor: 'bridge-test',
    mode: 'auto',
    demoSpeed: 600,
    appVersion: '0.0.0-test'
  })
  bridge = await startBridge({ host, rendererDir: join(dir, 'no-renderer'), exportDir: join(dir, 'exports') })
})

afterAll(async () => {
  await bridge?.close()
  await host?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('test bridge over the real AppHost (demo)', () => {
  it('buys codes, sees the order settle as an event, and exports them into exportDir', async () => {
    const info = value(await invoke<{ mode: string; accountsCount: number }>('app.info', {}))
    expect(info.mode).toBe('demo')
    expect(info.accountsCount).toBeGreaterThan(0)

    const items = value(await invoke<{ accountId: string; productId: string; variantId: string | null; inStock: boolean; fields: unknown[] }[]>('catalog.search', { text: '' }))
    const item = items.find((i) => i.inStock && i.fields.length === 0)
    if (!item) throw new Error('the demo catalog has nothing to buy')

    const settled = host.events.waitFor((e): e is Extract<AppEvent, { type: 'order.settled' }> => e.type === 'order.settled', 30_000)
    const placed = value(await invoke<{ orderIds: string[] }>('orders.place', { lines: [{ accountId: item.accountId, productId: item.productId, variantId: item.variantId, quantity: 2 }] }))
    expect(placed.orderIds).toHaveLength(1)
    expect((await settled).order.state).toBe('completed')

    const exported = value(await invoke<{ status: string; path?: string; count?: number }>('codes.export', { filter: { orderId: placed.orderIds[0] } }))
    expect(exported).toMatchObject({ status: 'written', count: 2 })
    expect(exported.path?.startsWith(join(dir, 'exports'))).toBe(true)
    expect(existsSync(exported.path ?? '')).toBe(true)
    expect(readFileSync(exported.path ?? '', 'utf8').trim().split(/\r?\n/).length).toBeGreaterThanOrEqual(3)
  })
})
