// Account leases decide which process works an account's orders. What must hold: a live holder is never pushed
// aside before its lease lapses; a crashed one (its pid gone) is taken over at once; a released lease is free.
import { describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../src/core/db/open'
import { AccountLeases } from '../../src/core/engine/order-leases'

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
    const a = new AccountLeases(d, { kind: 'cli', now, isAlive: () => true })
    const b = new AccountLeases(d, { kind: 'app', now, isAlive: () => true })
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
    const a = new AccountLeases(d, { now, isAlive: () => true })
    expect(a.hold('a1')).toBe(true)
    // A holder in another process that is still running: only after the lease lapses.
    d.prepare('UPDATE account_leases SET pid = 999999').run()
    const alive = new AccountLeases(d, { now, isAlive: () => true })
    expect(alive.hold('a1')).toBe(false)
    t += 31_000
    expect(alive.hold('a1')).toBe(true)
    expect(a.stillHolds('a1')).toBe(false)
    // A holder whose process is gone: at once, without waiting for the lease to lapse.
    d.prepare('UPDATE account_leases SET pid = 999998, owner = ?, expires_at = ?').run('crashed', new Date(t + 30_000).toISOString())
    const next = new AccountLeases(d, { now, isAlive: (pid) => pid !== 999998 })
    expect(next.hold('a1')).toBe(true)
    alive.releaseAll()
    next.releaseAll()
    a.releaseAll()
  })
})
