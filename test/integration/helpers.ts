// A real Session (SQLite in a temp folder, vault, engine, HTTP) against a real simulator on loopback.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Session } from '../../src/core/app/session'
import { scaledEngineOptions } from '../../src/core/orders/order-engine'
import { EventBus } from '../../src/core/events'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import { startDigetalHubeSim, type DigetalHubeSim, type DigetalHubeSimOptions } from '../../src/sim/index'

export const SPEED = 500
export const KEY = 'dh_test_key'
export const PASSPHRASE = 'integration test passphrase'

export interface World {
  sim: DigetalHubeSim
  session: Session
  events: EventBus
  accountId: string
  dataDir: string
  exportDir: string
  close(): Promise<void>
}

export async function openSession(dataDir: string, events = new EventBus(), passphrase = PASSPHRASE, exportDir?: string): Promise<Session> {
  return Session.open({
    dataDir,
    keyProvider: createPassphraseKeyProvider(passphrase, { cost: { N: 2 ** 12, r: 8, p: 1 } }),
    mode: 'live',
    actor: 'tester',
    events,
    shell: { chooseExportPath: async (name) => (exportDir ? join(exportDir, name) : null), copyToClipboard: async () => undefined },
    engineOptions: scaledEngineOptions(SPEED),
    balanceEveryMs: null,
    httpTimeoutMs: 1_500
  })
}

export async function world(simOpts: DigetalHubeSimOptions = {}, accountSettings: Record<string, unknown> = {}): Promise<World> {
  const sim = await startDigetalHubeSim({ speed: SPEED, rateLimits: false, seed: 7, accounts: [{ apiKey: KEY, balance: '500.00' }], ...simOpts })
  const dataDir = mkdtempSync(join(tmpdir(), 'rd-int-'))
  const exportDir = mkdtempSync(join(tmpdir(), 'rd-int-export-'))
  const events = new EventBus()
  const session = await openSession(dataDir, events, PASSPHRASE, exportDir)
  const account = session.accounts.add({
    name: 'DH',
    baseUrl: sim.baseUrl,
    credentials: { kind: 'digetalhube', apiKey: KEY },
    settings: { pollIntervalSeconds: 0.02, firstPollDelaySeconds: 0.02, rateLimitPerMinute: 100_000, ...accountSettings }
  })
  session.start()
  await session.catalog.sync(account.id)
  return {
    sim,
    session,
    events,
    accountId: account.id,
    dataDir,
    exportDir,
    close: async () => {
      await session.close()
      await sim.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(exportDir, { recursive: true, force: true })
    }
  }
}

/** Buy and wait until every order settles (by events, not sleeps). */
export async function buy(w: World, productId: string, quantity: number) {
  const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId, variantId: null, quantity, fields: {} }] })
  const orders = await w.session.engine.whenSettled(placed.orderIds, 30_000)
  return { placed, orders }
}

/** Every code in the vault, decrypted. */
export function vaultCodes(session: Session): string[] {
  return session.storage.codes.list({}).map((c) => session.vault.open(c.sealed, `code:${c.id}`))
}

/** A session with one account of any kind against a simulator the caller started. */
export async function sessionWith(account: { name: string; baseUrl: string; credentials: import('../../src/shared/contract').Credentials; settings?: Record<string, unknown> }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rd-int-'))
  const events = new EventBus()
  const session = await openSession(dataDir, events)
  const a = session.accounts.add({
    name: account.name,
    baseUrl: account.baseUrl,
    credentials: account.credentials,
    settings: { pollIntervalSeconds: 0.02, firstPollDelaySeconds: 0.02, rateLimitPerMinute: 100_000, ...account.settings }
  })
  session.start()
  return {
    session,
    events,
    accountId: a.id,
    dataDir,
    async buy(productId: string, quantity: number, opts: { variantId?: string | null; fields?: Record<string, string> } = {}) {
      const placed = await session.orders.place({ lines: [{ accountId: a.id, productId, variantId: opts.variantId ?? null, quantity, fields: opts.fields ?? {} }] })
      return session.engine.whenSettled(placed.orderIds, 30_000)
    },
    async close() {
      await session.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
