// Account leases decide which process works an account's orders. What must hold: a live holder is never pushed
// aside before its lease lapses; a crashed one (its pid gone) is taken over at once; a released lease is free.
import { describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../src/core/db/open'
import { AccountLeases } from '../../src/core/orders/order-leases'
import { LeaseLostError } from '../../src/core/db/leases-repo'
import { Storage } from '../../src/core/db/storage'

function db() {
  const d = openMemoryDatabase()
  d.prepare(`INSERT INTO accounts (id, kind, name, base_url, currency, credentials, settings, demo, created_at) VALUES ('a1', 'digetalhube', 'DH', 'http://x', 'USD', x'00', '{}', 0, '2026-01-01T00:00:00Z')`).run()
  return d
}

describe('account leases', () => {
  it('lets one engine at a time hold an account; the other gets it once it is released', () => {
    const d = db()
    let t = Date.parse('2026-12-04T10:00:00Z')
    const now = () => new Date(t)
    const a = new AccountLeases(d, { kind: 'cli', now, monotonic: () => t, isAlive: () => true })
    const b = new AccountLeases(d, { kind: 'app', now, monotonic: () => t, isAlive: () => true })
    expect(a.hold('a1')).toBe(true)
    expect(b.hold('a1')).toBe(false)
    // (Same pid here: both engines live in this test process, which counts as alive whatever isAlive says.)
    expect(b.holder('a1')?.owner).toBe(a.owner)
    t += 29_000
    expect(a.hold('a1')).toBe(true) // renewed
    t += 29_000
    expect(b.hold('a1')).toBe(false) // still within the renewed lease
    a.release('a1')
    expect(b.hold('a1')).toBe(true)
    expect(a.stillHolds('a1')).toBe(false)
    b.releaseAll()
  })

  it('takes over a lease that lapsed (holder stalled) and a crashed holder’s at once', () => {
    const d = db()
    let t = Date.parse('2026-12-04T10:00:00Z')
    const now = () => new Date(t)
    const a = new AccountLeases(d, { now, monotonic: () => t, isAlive: () => true })
    expect(a.hold('a1')).toBe(true)
    // A holder in another process that is still running: only after the lease lapses.
    d.prepare('UPDATE account_leases SET pid = 999999').run()
    const alive = new AccountLeases(d, { now, monotonic: () => t, isAlive: () => true })
    expect(alive.hold('a1')).toBe(false)
    t += 31_000
    expect(alive.hold('a1')).toBe(true)
    expect(a.stillHolds('a1')).toBe(false)
    // A holder whose process is gone: at once, without waiting for the lease to lapse.
    d.prepare('UPDATE account_leases SET pid = 999998, owner = ?, expires_at = ?').run('crashed', new Date(t + 30_000).toISOString())
    const next = new AccountLeases(d, { now, monotonic: () => t, isAlive: (pid) => pid !== 999998 })
    expect(next.hold('a1')).toBe(true)
    alive.releaseAll()
    next.releaseAll()
    a.releaseAll()
  })

  it('judges a lapse by its own monotonic observation, never by comparing wall clocks', () => {
    const d = db()
    let t = Date.parse('2026-12-04T10:00:00Z')
    let mono = 0
    const a = new AccountLeases(d, { now: () => new Date(t), monotonic: () => mono, isAlive: () => true })
    expect(a.hold('a1')).toBe(true)
    d.prepare('UPDATE account_leases SET pid = 999999').run() // a holder in another process, still running
    // The waiter's wall clock is an hour ahead (stepped forward): by wall clock the lease "expired" long ago.
    const b = new AccountLeases(d, { now: () => new Date(t + 3_600_000), monotonic: () => mono, isAlive: () => true })
    expect(b.hold('a1')).toBe(false)
    mono += 20_000
    expect(b.hold('a1')).toBe(false)
    // The holder renews (its half TTL is up): the waiter sees the row change and starts counting again.
    t += 20_000
    expect(a.hold('a1')).toBe(true)
    expect(b.hold('a1')).toBe(false)
    mono += 29_000
    expect(b.hold('a1')).toBe(false)
    mono += 1_000
    expect(b.hold('a1')).toBe(true) // 30 s of this process's own time without a renewal
    a.releaseAll()
    b.releaseAll()
  })

  it('a holder whose wall clock is frozen still shows its renewals (each one changes the row)', () => {
    const d = db()
    const frozen = () => new Date('2026-12-04T10:00:00Z')
    let mono = 0
    const a = new AccountLeases(d, { now: frozen, monotonic: () => mono, isAlive: () => true })
    expect(a.hold('a1')).toBe(true)
    d.prepare('UPDATE account_leases SET pid = 999999').run()
    const b = new AccountLeases(d, { now: frozen, monotonic: () => mono, isAlive: () => true })
    expect(b.hold('a1')).toBe(false)
    mono += 20_000
    expect(a.hold('a1')).toBe(true) // renewal, same wall-clock instant
    expect(b.hold('a1')).toBe(false)
    mono += 20_000
    expect(b.hold('a1')).toBe(false) // 40 s since the first look, but only 20 s since the renewal it saw
    a.releaseAll()
    b.releaseAll()
  })

  it('renews only when less than half the TTL is left (no write on every step)', () => {
    const d = db()
    let t = Date.parse('2026-12-04T10:00:00Z')
    const a = new AccountLeases(d, { now: () => new Date(t), monotonic: () => t, isAlive: () => true })
    const expiry = () => (d.prepare('SELECT expires_at FROM account_leases').get() as { expires_at: string }).expires_at
    expect(a.hold('a1')).toBe(true)
    const first = expiry()
    t += 10_000
    expect(a.hold('a1')).toBe(true)
    expect(expiry()).toBe(first)
    t += 6_000
    expect(a.hold('a1')).toBe(true)
    expect(expiry()).not.toBe(first)
    a.releaseAll()
  })

  it('refuses to move an order to submitting once the lease is lost, and defers the old holder’s in-flight orders', () => {
    const s = new Storage(openMemoryDatabase())
    s.db.prepare(`INSERT INTO accounts (id, kind, name, base_url, currency, credentials, settings, demo, created_at) VALUES ('a1', 'digetalhube', 'DH', 'http://x', 'USD', x'00', '{}', 0, '2026-01-01T00:00:00Z')`).run()
    const at = '2026-12-04T10:00:00.000Z'
    const order = (id: string) => ({ id, batchId: 'b', accountId: 'a1', productId: '1', variantId: null, title: 'X', quantity: 1, unitPrice: '1', currency: 'USD', fields: {}, clientRef: `ref-${id}` })
    s.orders.insertPlanned([order('o1'), order('o2')], at)
    let t = Date.parse(at)
    const now = () => new Date(t)
    const a = new AccountLeases(s.db, { now, monotonic: () => t, isAlive: () => true })
    expect(a.hold('a1')).toBe(true)
    // Holding it: the move goes through (and renews the lease in the same write).
    s.orders.transition('o1', ['planned'], 'submitting', { submitStartedAt: at, nextActionAt: new Date(t + 5_000).toISOString() }, at, undefined, a.submitGuard('a1'))
    s.db.prepare('UPDATE account_leases SET pid = 999999').run()
    // A stalls past the TTL with its create for o1 in flight; B takes over.
    const b = new AccountLeases(s.db, { now, monotonic: () => t, isAlive: () => true, takeoverWaitMs: 25_000 })
    expect(b.hold('a1')).toBe(false)
    t += 31_000
    expect(b.hold('a1')).toBe(true)
    // B does not look at o1 before A's create has certainly ended (HTTP timeout + reconcile delay).
    expect(s.orders.mustGet('o1').nextActionAt).toBe(new Date(t + 25_000).toISOString())
    // A wakes up and would send o2: refused in the transaction, nothing moved.
    expect(() => s.orders.transition('o2', ['planned'], 'submitting', {}, at, undefined, a.submitGuard('a1'))).toThrow(LeaseLostError)
    expect(s.orders.mustGet('o2').state).toBe('planned')
    expect(s.orders.mustGet('o2').attempts).toBe(0)
    b.releaseAll()
  })
})
