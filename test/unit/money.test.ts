import { describe, expect, it } from 'vitest'
import { add, compare, format, money, multiply, normalize, subtract, sum } from '../../src/core/money'

describe('money', () => {
  it('adds amounts that binary floats get wrong, exactly', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats
    expect(add(money('0.1', 'USDT'), money('0.2', 'USDT')).amount).toBe('0.3')
    expect(sum([money('1.05', 'USDT'), money('1.05', 'USDT'), money('1.05', 'USDT')], 'USDT').amount).toBe('3.15')
  })

  it('multiplies a unit price by a quantity exactly', () => {
    expect(multiply(money('1.05', 'USDT'), 25).amount).toBe('26.25')
    expect(multiply(money('10.50', 'USDT'), 10).amount).toBe('105')
    expect(multiply(money('0.07', 'USD'), 3).amount).toBe('0.21')
  })

  it('subtracts and compares', () => {
    expect(subtract(money('50', 'USDT'), money('48.95', 'USDT')).amount).toBe('1.05')
    expect(compare(money('10.5', 'USDT'), money('10.50', 'USDT'))).toBe(0)
    expect(compare(money('5.00', 'USDT'), money('10.50', 'USDT'))).toBe(-1)
  })

  it('refuses to mix currencies', () => {
    expect(() => add(money('1', 'USDT'), money('1', 'DZD'))).toThrow(/USDT with DZD/)
  })

  it('refuses fractional JS numbers and non-decimal text', () => {
    expect(() => money(1.05, 'USDT')).toThrow()
    expect(() => money('1e3', 'USDT')).toThrow()
    expect(() => multiply(money('1', 'USDT'), 0.5)).toThrow()
    expect(money(100, 'USDT').amount).toBe('100')
  })

  it('normalises without losing digits', () => {
    expect(normalize('10.50')).toBe('10.5')
    expect(normalize('-0.00')).toBe('0')
    expect(normalize('0.123456789012')).toBe('0.123456789012')
  })

  it('formats for people with grouping and at least the currency scale', () => {
    expect(format(money('1234.5', 'USDT'))).toBe('1,234.50 USDT')
    expect(format(money('-3', 'DZD'))).toBe('-3.00 DZD')
    expect(format(money('0.125', 'USD'))).toBe('0.125 USD')
  })
})
