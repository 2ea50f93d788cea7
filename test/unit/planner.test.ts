import { describe, expect, it } from 'vitest'
import { planBasket, splitQuantity, type PlannerInputs, type PlannerItem } from '../../src/core/orders/planner'
import type { Money } from '../../src/shared/contract'

const usdt = (amount: string): Money => ({ amount, currency: 'USDT' })

function inputs(opts: { balance?: Money | null; items?: Record<string, PlannerItem>; supplier?: boolean } = {}): PlannerInputs {
  const items: Record<string, PlannerItem> = opts.items ?? {
    '123': { title: 'PUBG Mobile 60 UC', variantName: null, price: usdt('1.05'), stock: 5000, inStock: true, maxPerOrder: 10, fields: [] },
    '456': { title: 'iTunes $10 USA', variantName: null, price: usdt('10.50'), stock: 25, inStock: true, maxPerOrder: 10, fields: [] }
  }
  return {
    account: (id) => (id === 'dh' ? { id: 'dh', name: 'Main DH', currency: 'USDT', supplier: opts.supplier ?? true, minPerOrder: 1, maxPerOrder: 10 } : null),
    item: (_a, productId) => items[productId] ?? null,
    balance: () => (opts.balance === undefined ? usdt('500') : opts.balance)
  }
}

const line = (productId: string, quantity: number, fields: Record<string, string> = {}) => ({ accountId: 'dh', productId, variantId: null, quantity, fields })

describe('splitQuantity', () => {
  it('splits into orders of at most the maximum', () => {
    expect(splitQuantity(25, 10)).toEqual([10, 10, 5])
    expect(splitQuantity(30, 10)).toEqual([10, 10, 10])
    expect(splitQuantity(3, 10)).toEqual([3])
    expect(splitQuantity(0, 10)).toEqual([])
    expect(splitQuantity(-4, 10)).toEqual([])
  })
})

describe('planBasket', () => {
  it('plans the DESIGN example basket: 30 PUBG and 20 iTunes, split by the upstream limit, costed exactly', () => {
    const plan = planBasket([line('123', 30), line('456', 20)], inputs())
    expect(plan.canPlace).toBe(true)
    expect(plan.lines.map((l) => l.orderQuantities)).toEqual([[10, 10, 10], [10, 10]])
    expect(plan.lines.map((l) => l.total.amount)).toEqual(['31.5', '210'])
    expect(plan.accounts).toEqual([{ accountId: 'dh', accountName: 'Main DH', cost: usdt('241.5'), balance: usdt('500'), sufficient: true }])
  })

  it('refuses what the balance cannot pay, before anything is sent', () => {
    const plan = planBasket([line('456', 20)], inputs({ balance: usdt('200') }))
    expect(plan.canPlace).toBe(false)
    expect(plan.accounts[0]!.sufficient).toBe(false)
    expect(plan.problems.map((p) => p.code)).toEqual(['INSUFFICIENT_BALANCE'])
    expect(plan.problems[0]!.message).toContain('needs 210 USDT but has 200 USDT')
  })

  it('refuses more than the stock', () => {
    const plan = planBasket([line('456', 26)], inputs())
    expect(plan.canPlace).toBe(false)
    expect(plan.problems[0]).toMatchObject({ code: 'OUT_OF_STOCK', lineIndex: 0 })
    expect(plan.problems[0]!.message).toContain('Only 25')
  })

  it('refuses negative and fractional quantities with a clear message', () => {
    for (const q of [-5, 0, 2.5]) {
      const plan = planBasket([line('123', q)], inputs())
      expect(plan.canPlace).toBe(false)
      expect(plan.problems[0]!.message).toBe('Quantity must be a whole number of at least 1.')
    }
  })

  it('asks for a catalog sync when the product is unknown', () => {
    const plan = planBasket([line('999', 1)], inputs())
    expect(plan.problems[0]).toMatchObject({ code: 'PRODUCT_NOT_FOUND' })
    expect(plan.problems[0]!.message).toMatch(/Sync the catalog/)
  })

  it('cannot check cost without a balance', () => {
    const plan = planBasket([line('123', 1)], inputs({ balance: null }))
    expect(plan.canPlace).toBe(false)
    expect(plan.problems[0]!.code).toBe('BALANCE_UNKNOWN')
  })

  it('requires the custom fields a product declares, and checks their pattern', () => {
    const items = {
      '7': { title: 'Game top-up', variantName: null, price: usdt('2'), stock: null, inStock: true, maxPerOrder: 5, fields: [{ name: 'player_id', label: 'Player ID', required: true, pattern: '\\d{6,12}' }] }
    }
    expect(planBasket([line('7', 1)], inputs({ items })).problems[0]!.code).toBe('FIELD_REQUIRED')
    expect(planBasket([line('7', 1, { player_id: 'abc' })], inputs({ items })).problems[0]!.code).toBe('FIELD_INVALID')
    const ok = planBasket([line('7', 12, { player_id: '12345678' })], inputs({ items }))
    expect(ok.canPlace).toBe(true)
    expect(ok.lines[0]!.orderQuantities).toEqual([5, 5, 2]) // the product's own maximum is smaller than the account's
  })

  it('does not buy from a storefront account', () => {
    expect(planBasket([line('123', 1)], inputs({ supplier: false })).problems[0]!.code).toBe('NOT_A_SUPPLIER')
  })
})
