// A full disk while codes are being stored, simulated with SQLite's page limit (PRAGMA max_page_count) on the live
// database of a real session buying from the DigetalHube simulator. The orders stay in the journal, the person is
// told in plain words, and once there is space again the engine stores every code: nothing is lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DISK_FULL_MESSAGE } from '../../src/core/errors'
import type { AppEvent } from '../../src/core/events'
import { KEY, vaultCodes, world, type World } from './helpers'

let w: World
beforeEach(async () => {
  w = await world({ accounts: [{ apiKey: KEY, balance: '5000.00' }] })
})
afterEach(async () => {
  await w.close()
})

const ACTIVE = ['planned', 'submitting', 'submitted', 'processing']

describe('a full disk during a purchase', () => {
  it('keeps every order in the journal, says "the disk is full", and stores all codes once space is freed', async () => {
    const notices: string[] = []
    w.events.on((e: AppEvent) => {
      if (e.type === 'notice' && e.level === 'error') notices.push(e.message)
    })
    // Hold the deliveries: status and list replies fail (503) until the disk is full, so the codes arrive only then.
    w.sim.faults.setRandom('order_status', 'http503', 1)
    w.sim.faults.setRandom('my_orders', 'http503', 1)
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 200, fields: {} }] })
    expect(placed.orderIds).toHaveLength(20)
    // Every order accepted by the supplier (a known state, waited for by events).
    const allSent = () => placed.orderIds.every((id) => ['submitted', 'processing'].includes(w.session.storage.orders.mustGet(id).state))
    if (!allSent()) await w.events.waitFor(() => allSent(), 30_000)

    // The disk fills up: not one more page for the database.
    const db = w.session.storage.db
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    const full = w.events.waitFor((e) => e.type === 'notice' && e.level === 'error' && e.message === DISK_FULL_MESSAGE, 30_000)
    w.sim.faults.clear()
    await full

    // Told once, in words; no order failed, went to review or was lost: they wait in the journal.
    expect(notices).toEqual([DISK_FULL_MESSAGE])
    expect(DISK_FULL_MESSAGE).toMatch(/^The disk is full/)
    const during = placed.orderIds.map((id) => w.session.storage.orders.mustGet(id))
    expect(during.filter((o) => !ACTIVE.includes(o.state) && o.state !== 'completed')).toEqual([])
    expect(during.some((o) => ACTIVE.includes(o.state))).toBe(true)
    const storedWhileFull = vaultCodes(w.session).length
    expect(storedWhileFull).toBeLessThan(200)

    // Space is freed: the engine's next try stores the codes.
    db.pragma('max_page_count = 1073741823')
    const orders = await w.session.engine.whenSettled(placed.orderIds, 60_000)
    expect(orders.map((o) => o.state)).toEqual(Array(20).fill('completed'))
    const codes = vaultCodes(w.session)
    expect(codes).toHaveLength(200)
    expect(new Set(codes)).toEqual(new Set(w.sim.issuedCodes(KEY)))
    expect(w.sim.orders(KEY)).toHaveLength(20) // nothing bought twice
    console.log(`disk full: ${storedWhileFull} of 200 codes stored before the disk filled; all 200 after space was freed`)
  })

  it('shows a raw SQLITE_FULL that escapes anywhere as the same clear error', async () => {
    const { toPublicError } = await import('../../src/core/errors')
    const db = w.session.storage.db
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    let thrown: unknown
    try {
      db.exec(`CREATE TABLE filler (x BLOB); INSERT INTO filler VALUES (zeroblob(1000000));`)
    } catch (e) {
      thrown = e
    }
    expect((thrown as { code?: string }).code).toBe('SQLITE_FULL')
    expect(toPublicError(thrown)).toEqual({ code: 'DISK_FULL', message: DISK_FULL_MESSAGE })
  })
})
