// The plan refuses what cannot be real before anything is sent: an impossible price, and more than the stock
// when the basket asks for one product over several lines.
import { describe, expect, it } from 'vitest'
import { planBasket, type PlannerInputs, type PlannerItem } from '../../src/core/orders/planner'
import type { Money } from '../../src/shared/contract'

const usdt = (amount: string): Money => ({ amount, currency: 'USDT' })

function inputs(items: Record<string, PlannerItem>): PlannerInputs {
  return {
    account: (id) => (id === 'dh' ? { id: 'dh', name: 'Main DH', currency: 'USDT', supplier: true, minPerOrder: 1, maxPerOrder: 10 } : null),
    item: (_a, productId) => items[productId] ?? null,
    balance: () => usdt('100000')
  }
}
const item = (price: string, stock: number | null = 5000): PlannerItem => ({ title: 'PUBG Mobile 60 UC', variantName: null, price: usdt(price), stock, inStock: true, maxPerOrder: 10, fields: [] })
const line = (productId: string, quantity: number) => ({ accountId: 'dh', productId, variantId: null, quantity, fields: {} })

describe('the plan and impossible prices', () => {
  for (const price of ['-5', '-0.01', '0', '0.0000001', '123456789012345678901234567890']) {
    it(`refuses a price of ${price} with a clear message and plans no order`, () => {
      const plan = planBasket([line('123', 30)], inputs({ '123': item(price) }))
      expect(plan.canPlace).toBe(false)
      expect(plan.lines).toEqual([])
      expect(plan.totals).toEqual([])
      expect(plan.problems).toHaveLength(1)
      expect(plan.problems[0]).toMatchObject({ code: 'IMPOSSIBLE_PRICE', lineIndex: 0 })
      expect(plan.problems[0]!.message).toMatch(/^The price of “PUBG Mobile 60 UC” is .+ which cannot be right .*Sync the catalog/)
      // Never the unbounded digits in full.
      expect(plan.problems[0]!.message.length).toBeLessThan(200)
    })
  }

  it('still plans an ordinary price of 1.05', () => {
    expect(planBasket([line('123', 30)], inputs({ '123': item('1.05') })).canPlace).toBe(true)
  })
})

describe('stock across the whole basket', () => {
  it('refuses two lines of 300 for a product with 500 in stock, up front', () => {
    const plan = planBasket([line('123', 300), line('123', 300)], inputs({ '123': item('1.05', 500) }))
    expect(plan.canPlace).toBe(false)
    expect(plan.problems.map((p) => p.code)).toEqual(['OUT_OF_STOCK', 'OUT_OF_STOCK'])
    expect(plan.problems[0]!.message).toBe('Only 500 of “PUBG Mobile 60 UC” in stock; the basket asks for 600 across 2 lines.')
  })

  it('accepts two lines that fit the stock together (250 + 250 of 500)', () => {
    expect(planBasket([line('123', 250), line('123', 250)], inputs({ '123': item('1.05', 500) })).canPlace).toBe(true)
  })

  it('counts lines of different products apart', () => {
    const plan = planBasket([line('123', 300), line('456', 300)], inputs({ '123': item('1.05', 500), '456': item('2', 500) }))
    expect(plan.canPlace).toBe(true)
  })
})
