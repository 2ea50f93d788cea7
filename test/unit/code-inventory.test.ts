// The code inventory: in_stock → exported → sold, or void with a reason; filters by account, product, order, state
// and dates; bulk marking by ids or by filter; every change in the audit log with the staff member's name.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/core/app/dispatch'
import type { Handlers } from '../../src/core/app/handlers'
import { CodeMarkInput } from '../../src/shared/contract'
import { DAY, fixture } from './workflow-fixture'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function shop() {
  const f = fixture()
  const dh = f.addAccount({ name: 'DH' })
  const other = f.addAccount({ name: 'Other' })
  const pubg = f.addOrder({ accountId: dh, quantity: 3, unitPrice: '1.05', productId: '123' })
  const itunes = f.addOrder({ accountId: dh, quantity: 2, unitPrice: '10.50', productId: '456', title: 'iTunes $10 USA' })
  const old = f.addOrder({ accountId: other, quantity: 2, unitPrice: '5', productId: '9' })
  const codes = {
    pubg: f.addCodes(pubg.id, 3, f.clock.iso(-1 * DAY)),
    itunes: f.addCodes(itunes.id, 2, f.clock.iso(0)),
    old: f.addCodes(old.id, 2, f.clock.iso(-10 * DAY))
  }
  return { f, dh, other, pubg, itunes, old, codes }
}

describe('code inventory', () => {
  it('marks codes sold and void by id, each change audited with who, when, the previous state and the reason', () => {
    const { f, codes } = shop()
    const [a, b] = codes.pubg
    expect(f.codes.mark({ codeIds: [a!, b!], to: 'sold' })).toEqual({ to: 'sold', matched: 2, changed: 2 })
    f.actor.name = 'Karim' // the next staff member at the desk
    f.clock.ms += 60_000
    expect(f.codes.mark({ codeIds: [b!], to: 'void', reason: 'customer says it was already used' })).toEqual({ to: 'void', matched: 1, changed: 1 })

    expect(f.storage.audit.forSubject('code', a!)).toEqual([{ at: '2026-11-20T12:00:00.000Z', actor: 'Amina', action: 'code.sold', subjectType: 'code', subjectId: a, detail: { from: 'in_stock' } }])
    expect(f.storage.audit.forSubject('code', b!).map((e) => [e.actor, e.action, e.at, e.detail])).toEqual([
      ['Amina', 'code.sold', '2026-11-20T12:00:00.000Z', { from: 'in_stock' }],
      ['Karim', 'code.void', '2026-11-20T12:01:00.000Z', { from: 'sold', reason: 'customer says it was already used' }]
    ])
    const [va, vb] = [f.codes.list({ codeIds: [a!] }, 1)[0]!, f.codes.list({ codeIds: [b!] }, 1)[0]!]
    expect(va).toMatchObject({ state: 'sold', soldAt: '2026-11-20T12:00:00.000Z' })
    expect(vb).toMatchObject({ state: 'void', voidReason: 'customer says it was already used' })
    expect(va.masked).not.toContain('CODE-')
  })

  it('never sells a void code or a sold one twice, and says how many matched and changed', () => {
    const { f, codes } = shop()
    const ids = codes.pubg
    f.codes.mark({ codeIds: [ids[0]!], to: 'void', reason: 'damaged' })
    f.codes.mark({ codeIds: [ids[1]!], to: 'sold' })
    expect(f.codes.mark({ codeIds: ids, to: 'sold' })).toEqual({ to: 'sold', matched: 3, changed: 1 })
    expect(f.storage.audit.list({ subjectType: 'code', limit: 100 }).filter((e) => e.action === 'code.sold')).toHaveLength(2)
  })

  it('marks in bulk by filter: account, product, order, state and delivery dates', () => {
    const { f, dh, codes, itunes } = shop()
    expect(f.codes.list({ accountId: dh, from: f.clock.iso(-2 * DAY), to: f.clock.iso(-1) }, 100).map((c) => c.id).sort()).toEqual([...codes.pubg].sort())
    expect(f.codes.list({ orderId: itunes.id }, 100).map((c) => c.id).sort()).toEqual([...codes.itunes].sort())
    // A date alone is a whole local day.
    const day = new Date(Date.parse(f.clock.iso(-10 * DAY)))
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
    expect(f.codes.list({ from: local, to: local }, 100).map((c) => c.id).sort()).toEqual([...codes.old].sort())

    const r = f.codes.mark({ filter: { accountId: dh, productId: '456', state: 'in_stock' }, to: 'sold' })
    expect(r).toEqual({ to: 'sold', matched: 2, changed: 2 })
    expect(f.codes.list({ state: 'sold' }, 100).map((c) => c.id).sort()).toEqual([...codes.itunes].sort())
  })

  it('refuses to mark without a choice of codes, or to void without a reason (at the boundary and in the core)', () => {
    const { f } = shop()
    expect(CodeMarkInput.safeParse({ filter: {}, to: 'sold' }).success).toBe(false)
    expect(CodeMarkInput.safeParse({ to: 'sold' }).success).toBe(false)
    expect(CodeMarkInput.safeParse({ codeIds: ['x'], filter: { state: 'in_stock' }, to: 'sold' }).success).toBe(false)
    expect(CodeMarkInput.safeParse({ codeIds: ['x'], to: 'void' }).success).toBe(false)
    expect(CodeMarkInput.safeParse({ codeIds: ['x'], to: 'void', reason: 'broken' }).success).toBe(true)
    expect(() => f.codes.mark({ filter: {}, to: 'sold' })).toThrow(/Choose the codes/)
    expect(() => f.codes.mark({ codeIds: ['x'], to: 'void' })).toThrow(/Say why/)
    expect(f.codes.list({ state: 'in_stock' }, 100)).toHaveLength(7)
  })

  it('goes through the contract: codes.mark and audit.list over dispatch', async () => {
    const { f, codes } = shop()
    const handlers = {
      'codes.mark': async (i: unknown) => f.codes.mark(i as never),
      'audit.list': async (i: { limit: number; actor?: string }) => f.storage.audit.list(i)
    } as unknown as Handlers
    const bad = await dispatch(handlers, 'codes.mark', { codeIds: codes.old, to: 'void' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { reason: expect.any(String) } } })
    expect(await dispatch(handlers, 'codes.mark', { codeIds: codes.old, to: 'void', reason: 'refunded by supplier' })).toEqual({ ok: true, value: { to: 'void', matched: 2, changed: 2 } })
    const log = await dispatch(handlers, 'audit.list', { actor: 'amina' })
    expect(log).toMatchObject({ ok: true, value: [{ action: 'code.void', actor: 'Amina' }, { action: 'code.void', actor: 'Amina' }] })
  })

  it('an export interrupted half-way leaves no file and marks nothing exported', () => {
    const f = fixture()
    const acc = f.addAccount()
    const order = f.addOrder({ accountId: acc, quantity: 5_000, unitPrice: '1.05' })
    f.addCodes(order.id, 5_000)
    const dir = mkdtempSync(join(tmpdir(), 'rd-export-'))
    dirs.push(dir)
    const file = join(dir, 'codes.csv')
    let chunks = 0
    expect(() =>
      f.codes.exportCsv(file, { state: 'in_stock' }, {
        markExported: true,
        bom: false,
        onChunk: (written) => {
          chunks++
          if (written >= 2_000) throw new Error('disk unplugged')
        }
      })
    ).toThrow()
    expect(chunks).toBe(1) // it stopped after the first 2,000 of 5,000 rows
    expect(existsSync(file)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
    expect(f.storage.codes.count({ state: 'exported' })).toBe(0)
    expect(f.storage.codes.count({ state: 'in_stock' })).toBe(5_000)
    expect(f.storage.audit.recent(10)).toEqual([])

    // The same export, uninterrupted: all 5,000 exported, the export and each code's change audited.
    expect(f.codes.exportCsv(file, { state: 'in_stock' }, { markExported: true, bom: false })).toBe(5_000)
    expect(f.storage.codes.count({ state: 'exported' })).toBe(5_000)
    const log = f.storage.audit.list({ limit: 10_000 })
    expect(log.filter((e) => e.action === 'code.exported' && e.actor === 'Amina')).toHaveLength(5_000)
    expect(log.filter((e) => e.action === 'codes.export')).toHaveLength(1)
  })
})
