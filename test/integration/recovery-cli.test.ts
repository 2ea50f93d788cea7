// `orders show` and `orders resolve` from the command line, on an order in review after a lost create on a shared
// DigetalHube key: what a person types, what they read, and the exit code a script would check.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Session } from '../../src/core/app/session'
import { scaledEngineOptions } from '../../src/core/orders/order-engine'
import { EventBus } from '../../src/core/events'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'src/cli/index.ts')
const PASSPHRASE = 'cli recovery passphrase'
const KEY = 'dh_cli_recovery_key'
const SPEED = 500

function cli(dataDir: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, RESELLERDESK_PASSPHRASE: PASSPHRASE, RESELLERDESK_TIME_SCALE: String(SPEED) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += String(d)))
  child.stderr.on('data', (d: Buffer) => (err += String(d)))
  return new Promise((res) => child.on('close', (code) => res({ code, out, err })))
}

describe('resolving a review order from the CLI', () => {
  let sim: DigetalHubeSim
  let dataDir: string
  let orderId: string
  let ours: string
  let theirs: string

  beforeAll(async () => {
    sim = await startDigetalHubeSim({ speed: SPEED, rateLimits: false, seed: 11, accounts: [{ apiKey: KEY, balance: '100.00' }] })
    dataDir = mkdtempSync(join(tmpdir(), 'rd-cli-recovery-'))
    const session = await Session.open({
      dataDir,
      keyProvider: createPassphraseKeyProvider(PASSPHRASE),
      mode: 'live',
      actor: 'tester',
      events: new EventBus(),
      shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined },
      engineOptions: scaledEngineOptions(SPEED),
      balanceEveryMs: null,
      httpTimeoutMs: 1_500
    })
    try {
      const account = session.accounts.add({
        name: 'DH',
        baseUrl: sim.baseUrl,
        credentials: { kind: 'digetalhube', apiKey: KEY },
        settings: { pollIntervalSeconds: 0.02, firstPollDelaySeconds: 0.02, rateLimitPerMinute: 100_000 }
      })
      session.start()
      await session.catalog.sync(account.id)
      // Someone else on the same key buys the same thing just as our create goes out, and our reply is lost.
      const adapter = session.accounts.runtime(account.id).adapter
      const createOrder = adapter.createOrder.bind(adapter)
      Object.assign(adapter, {
        createOrder: async (req: Parameters<typeof createOrder>[0]) => {
          theirs = sim.placeOrder(KEY, 123, 2).orderId
          sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
          return createOrder(req)
        }
      })
      const placed = await session.orders.place({ lines: [{ accountId: account.id, productId: '123', variantId: null, quantity: 2, fields: {} }] })
      const [order] = await session.engine.whenSettled(placed.orderIds, 30_000)
      expect(order!.state).toBe('needs_review')
      orderId = order!.id
      ours = sim.orders(KEY).find((o) => o.orderId !== theirs)!.orderId
    } finally {
      await session.close()
    }
  }, 60_000)

  afterAll(async () => {
    await sim?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('orders show prints our client reference and both candidates with their times', async () => {
    const r = await cli(dataDir, ['orders', 'show', orderId.slice(0, 8)])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/our reference: rd[0-9a-f]{24}/)
    expect(r.out).toContain(ours)
    expect(r.out).toContain(theirs)
    expect(r.out).toMatch(/created \d{4}-\d{2}-\d{2}/)
    expect(r.out).not.toMatch(/Checking whether the order was placed/)
  }, 60_000)

  it('refuses an id the supplier does not have, exits non-zero, and changes nothing', async () => {
    const r = await cli(dataDir, ['orders', 'resolve', orderId.slice(0, 8), '--placed', 'API-FFFFFFFFFFFF-1'])
    expect(r.code).toBe(1)
    expect(r.err + r.out).toMatch(/has no order “API-FFFFFFFFFFFF-1”.*Nothing was changed/)
    const show = await cli(dataDir, ['orders', 'show', orderId.slice(0, 8)])
    expect(show.out).toMatch(/needs_review/)
  }, 60_000)

  it('accepts the right one, fetches the codes and exits 0', async () => {
    const r = await cli(dataDir, ['orders', 'resolve', orderId.slice(0, 8), '--placed', ours])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/is now completed; 2 code\(s\) stored/)
  }, 60_000)
})
