// Impossible amounts from every supplier are refused at the boundary: a reply whose price, charge, balance or
// running totals cannot be real money does not parse (the adapter turns that into UpstreamError MALFORMED_REPLY
// naming the field, never the value), and a catalog item with such a price is kept out of the catalog.
// The replies are the seeds' own examples with one number token replaced, verbatim as JSON text, so a 30-digit
// number reaches the parser exactly as a supplier would send it.
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { amountProblem, catalogItemProblem } from '../../src/core/providers/amounts'
import * as dh from '../../src/core/providers/digetalhube/schemas'
import * as aidt from '../../src/core/providers/aidigitaltools/schemas'
import * as ocd from '../../src/core/providers/oneclickdz/schemas'
import * as hyper from '../../src/core/providers/hyper/schemas'
import * as digi from '../../src/core/providers/digiseller/schemas'
import { parseUpstreamJson } from '../../src/core/providers/json'
import { describeIssues } from '../../src/core/providers/reply'
import { fixturesOf } from './support'

const IMPOSSIBLE_PRICES = ['-5', '-0.01', '0', '1e-7', '0.0000001', '123456789012345678901234567890']
const NEGATIVE = ['-5', '-0.01']
/** An order's unit price may be zero (the OneClickDz seed lists a free sandbox card); a catalog price may not. */
const IMPOSSIBLE_UNIT_PRICES = ['-5', '-0.01', '1e-7', '0.0000001', '123456789012345678901234567890']
const INSANE = ['1e-7', '123456789012345678901234567890', '1e30']

/** The fixture's text with the first `"field": <number>` given `value` as its number token. */
function withNumber(text: string, field: string, value: string): string {
  const re = new RegExp(`("${field}"\\s*:\\s*)-?[0-9.eE+-]+`)
  expect(re.test(text), `${field} in the fixture`).toBe(true)
  return text.replace(re, `$1${value}`)
}

function refusal(schema: z.ZodType, text: string): string {
  const r = schema.safeParse(parseUpstreamJson(text))
  expect(r.success).toBe(false)
  return describeIssues((r as { error: z.ZodError }).error)
}
function accepts(schema: z.ZodType, text: string): void {
  expect(schema.safeParse(parseUpstreamJson(text)).success).toBe(true)
}

describe('amountProblem: what can be money', () => {
  it('a price must be more than zero, sized like money', () => {
    for (const p of ['-5', '-0.01', '0']) expect(amountProblem(p, 'price')).toBe('is not more than zero')
    expect(amountProblem('0.0000001', 'price')).toBe('has more than 6 decimals')
    expect(amountProblem('123456789012345678901234567890', 'price')).toBe('has more than 18 digits before the decimal point')
    for (const p of ['1.05', '0.000001', '999999999999999999.999999']) expect(amountProblem(p, 'price')).toBeNull()
  })
  it('charges and totals may be zero but never negative; a credit balance may be negative', () => {
    expect(amountProblem('0', 'non-negative')).toBeNull()
    expect(amountProblem('-0.01', 'non-negative')).toBe('is negative')
    expect(amountProblem('-250.5', 'signed')).toBeNull()
  })
  it('a catalog item with an impossible price or stock is named with the reason', () => {
    for (const p of IMPOSSIBLE_PRICES) expect(catalogItemProblem({ price: { amount: p }, stock: 10 })).toMatch(/^its price /)
    expect(catalogItemProblem({ price: { amount: '1.05' }, stock: -3 })).toBe('its stock is not a whole number of zero or more')
    expect(catalogItemProblem({ price: { amount: '1.05' }, stock: null })).toBeNull()
  })
})

describe('DigetalHube', () => {
  const { fixture } = fixturesOf('digetalhube')
  it('refuses a created order whose unit price is impossible', () => {
    accepts(dh.CreateOrderReply, fixture('create-order'))
    for (const p of IMPOSSIBLE_UNIT_PRICES) expect(refusal(dh.CreateOrderReply, withNumber(fixture('create-order'), 'price_per_unit', p))).toContain('order.price_per_unit')
  })
  it('refuses a negative or garbage charge', () => {
    for (const a of [...NEGATIVE, ...INSANE]) expect(refusal(dh.OrderStatusReply, withNumber(fixture('order-status-completed'), 'amount', a))).toMatch(/order\.amount: the amount/)
  })
  it('refuses a balance below zero; running totals that do not add up are kept (and flagged by the adapter)', () => {
    for (const a of [...NEGATIVE, ...INSANE]) expect(refusal(dh.BalanceReply, withNumber(fixture('balance'), 'available', a))).toContain('balance.available')
    // 50 available of 100 deposited with −5 spent: the totals invent money.
    expect(refusal(dh.BalanceReply, withNumber(fixture('balance'), 'total_spent', '-5'))).toContain('balance.total_spent')
    // available ≠ deposited − spent: a bonus credit or an adjustment, which no document rules out. Refusing it stopped
    // every order (the pre-create reading failed); it is accepted, and balanceAddsUp says it does not add up.
    const bonus = dh.BalanceReply.parse(parseUpstreamJson(withNumber(fixture('balance'), 'total_deposited', '90')))
    expect(dh.balanceAddsUp(bonus.balance)).toBe(false)
    expect(dh.balanceAddsUp(dh.BalanceReply.parse(parseUpstreamJson(fixture('balance'))).balance)).toBe(true)
    accepts(dh.BalanceReply, fixture('balance'))
    accepts(dh.BalanceReply, fixture('balance-after-orders'))
  })
  it('refuses an order list whose total is not a count', () => {
    accepts(dh.MyOrdersReply, fixture('my-orders'))
    for (const t of ['1e12', '-1', '10000000000']) expect(refusal(dh.MyOrdersReply, withNumber(fixture('my-orders'), 'total', t))).toContain('total')
  })
  it('refuses a refund larger than the order', () => {
    const text = fixture('order-status-error')
    accepts(dh.OrderStatusReply, text)
    const body = JSON.parse(text) as { order: Record<string, unknown> }
    body.order.amount = 10.5
    body.order.refund_amount = 11
    expect(refusal(dh.OrderStatusReply, JSON.stringify(body))).toBe('order.refund_amount: the refund is larger than the order')
  })
})

describe('AI Digital Tools', () => {
  const { fixture } = fixturesOf('aidigitaltools')
  it('refuses a negative or garbage balance, keeps the seed’s', () => {
    accepts(aidt.BalanceReply, fixture('balance'))
    for (const a of [...NEGATIVE, ...INSANE]) expect(refusal(aidt.BalanceReply, withNumber(fixture('balance'), 'balance', a))).toContain('balance: the amount')
  })
  it('refuses an impossible order total and a refund above it', () => {
    accepts(aidt.OrderReply, fixture('order-delivered'))
    for (const a of [...NEGATIVE, ...INSANE]) expect(refusal(aidt.OrderReply, withNumber(fixture('order-delivered'), 'total', a))).toContain('order.total')
    const body = JSON.parse(fixture('order-delivered')) as { order: Record<string, unknown> }
    body.order.refunded = 9.01
    expect(refusal(aidt.OrderReply, JSON.stringify(body))).toBe('order.refunded: the refund is larger than the order')
  })
})

describe('OneClickDz', () => {
  const { fixture } = fixturesOf('oneclickdz')
  it('refuses an impossible price per card (zero is the seed’s free sandbox card), keeps the seed’s partial fill', () => {
    accepts(ocd.CheckOrderReply, fixture('check-order-partial'))
    for (const p of IMPOSSIBLE_UNIT_PRICES) expect(refusal(ocd.CheckOrderReply, withNumber(fixture('check-order-partial'), 'price_per_card', p))).toContain('data.price_per_card')
  })
  it('refuses more cards filled than ordered, and a negative balance', () => {
    expect(refusal(ocd.CheckOrderReply, withNumber(fixture('check-order-partial'), 'fulfilled_quantity', '6'))).toBe('data.fulfilled_quantity: more filled than ordered')
    for (const a of [...NEGATIVE, ...INSANE]) expect(refusal(ocd.BalanceReply, withNumber(fixture('balance'), 'balance', a))).toContain('data.balance')
  })
})

describe('Hyper', () => {
  const { fixture } = fixturesOf('hyper')
  it('refuses an impossible line price on a created order', () => {
    accepts(hyper.envelope(hyper.CreateOrderData), fixture('order-create'))
    for (const p of IMPOSSIBLE_UNIT_PRICES) expect(refusal(hyper.envelope(hyper.CreateOrderData), withNumber(fixture('order-create'), 'Price', p))).toContain('data.details[0].Price')
  })
  it('accepts a balance below the credit limit (the adapter flags it) but not an impossible one', () => {
    accepts(hyper.envelope(hyper.AccountDetails), withNumber(fixture('account-details'), 'Balance', '-500'))
    accepts(hyper.envelope(hyper.AccountDetails), withNumber(fixture('account-details'), 'Balance', '-500.01'))
    expect(refusal(hyper.envelope(hyper.AccountDetails), withNumber(fixture('account-details'), 'Balance', '123456789012345678901234567890'))).toContain('data.Balance: the amount has more than 18 digits')
  })
})

describe('Digiseller', () => {
  const { fixture } = fixturesOf('digiseller')
  it('refuses a 30-digit statement amount, keeps the seed’s', () => {
    accepts(digi.ReceiptsContent, JSON.stringify((JSON.parse(fixture('receipts')) as { content: unknown }).content))
    const text = withNumber(JSON.stringify((JSON.parse(fixture('receipts')) as { content: unknown }).content), 'on_account', '123456789012345678901234567890')
    expect(refusal(digi.ReceiptsContent, text)).toContain('on_account: the amount has more than 18 digits')
  })
})
