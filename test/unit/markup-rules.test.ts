// Markup: the sell price beside the cost, exact to the last decimal, rounded to the shop's step.
import { describe, expect, it } from 'vitest'
import { applyMarkup, MarkupService, roundToStep } from '../../src/core/catalog/markup-service'
import { MarkupRuleInput } from '../../src/shared/contract'
import { fixture } from './workflow-fixture'

const usdt = (amount: string) => ({ amount, currency: 'USDT' })

describe('markup rules', () => {
  it.each([
    // cost, kind, value, step, mode → sell price
    ['1.05', 'percent', '15', '0.05', 'up', '1.25'], // 1.2075 → next 0.05
    ['1.05', 'percent', '15', '0.05', 'nearest', '1.2'], // 1.2075 → 1.20
    ['10.50', 'percent', '10', '1', 'up', '12'], // 11.55 → 12
    ['10.50', 'percent', '10', '1', 'nearest', '12'], // 11.55 → 12
    ['10.40', 'percent', '10', '1', 'nearest', '11'], // 11.44 → 11
    ['26.25', 'fixed', '3.5', '10', 'up', '30'], // 29.75 → 30
    ['26.25', 'fixed', '3.5', '10', 'nearest', '30'],
    ['20.60', 'percent', '0', '0.05', 'up', '20.6'], // already a multiple: unchanged
    ['0.1', 'percent', '20', '0.05', 'nearest', '0.1'], // 0.12 → 0.10
    ['0.15', 'percent', '0', '0.1', 'nearest', '0.2'], // a half goes up
    ['99.99', 'fixed', '0', '0.25', 'up', '100'],
    ['1234567.891', 'percent', '12.5', '0.001', 'up', '1388888.878'] // 1388888.877375 → .878
  ] as const)('%s + %s %s, %s %s → %s', (cost, kind, value, step, mode, expected) => {
    expect(applyMarkup(usdt(cost), { kind, value, rounding: { step, mode } })).toEqual(usdt(expected))
  })

  it('keeps every digit when there is no rounding (no float ever)', () => {
    expect(applyMarkup(usdt('0.1'), { kind: 'percent', value: '20', rounding: null })).toEqual(usdt('0.12'))
    expect(applyMarkup(usdt('0.3'), { kind: 'fixed', value: '0.6', rounding: null })).toEqual(usdt('0.9'))
    expect(roundToStep('0.3', { step: '0.1', mode: 'up' })).toBe('0.3')
  })

  it('prefers the category rule over the account-wide one, ignores case, and leaves other accounts unpriced', () => {
    const f = fixture()
    const a = f.addAccount({ name: 'DH' })
    const b = f.addAccount({ name: 'Other' })
    const markup = new MarkupService(f.storage, () => f.actor.name, f.clock.now)
    markup.set(MarkupRuleInput.parse({ accountId: a, kind: 'percent', value: '10', rounding: { step: '0.05', mode: 'up' } }))
    markup.set(MarkupRuleInput.parse({ accountId: a, category: 'iTunes', kind: 'fixed', value: '2', rounding: null }))
    const price = markup.pricer()
    expect(price({ accountId: a, category: 'PUBG Mobile', price: usdt('1.05') })).toEqual(usdt('1.2')) // 1.155 → 1.20
    expect(price({ accountId: a, category: 'itunes', price: usdt('10.50') })).toEqual(usdt('12.5'))
    expect(price({ accountId: b, category: 'iTunes', price: usdt('10.50') })).toBeNull()
  })

  it('replaces the rule of the same account and category, audits changes with the actor, and removes by id', () => {
    const f = fixture()
    const a = f.addAccount({ name: 'DH' })
    const markup = new MarkupService(f.storage, () => f.actor.name, f.clock.now)
    const first = markup.set(MarkupRuleInput.parse({ accountId: a, kind: 'percent', value: '10' }))
    const second = markup.set(MarkupRuleInput.parse({ accountId: a, kind: 'percent', value: '12.50' }))
    expect(second.id).toBe(first.id)
    expect(markup.list()).toEqual([expect.objectContaining({ accountName: 'DH', currency: 'USDT', category: null, value: '12.5', rounding: null })])
    expect(markup.remove(first.id)).toBe(true)
    expect(markup.list()).toEqual([])
    expect(f.storage.audit.forSubject('account', a).map((e) => [e.actor, e.action])).toEqual([
      ['Amina', 'markup.set'],
      ['Amina', 'markup.set'],
      ['Amina', 'markup.remove']
    ])
  })

  it('refuses a negative markup and a zero rounding step at the boundary', () => {
    expect(MarkupRuleInput.safeParse({ accountId: 'a', kind: 'percent', value: '-5' }).success).toBe(false)
    expect(MarkupRuleInput.safeParse({ accountId: 'a', kind: 'percent', value: '5', rounding: { step: '0', mode: 'up' } }).success).toBe(false)
    expect(MarkupRuleInput.safeParse({ accountId: 'a', kind: 'percent', value: '5', rounding: { step: '0.00', mode: 'up' } }).success).toBe(false)
  })
})
