// Binary-float noise from PHP suppliers (1.05 × 3 = 3.1500000000000004) is the 6-decimal amount it stands for;
// only a genuinely finer amount is refused.
import { describe, expect, it } from 'vitest'
import { amountProblem, roundFloatNoise, zNonNegativeAmount } from '../../src/core/providers/amounts'

describe('amounts: float noise', () => {
  it('rounds noise to 6 decimals from the exact text and refuses finer amounts', () => {
    expect(roundFloatNoise('3.1500000000000004')).toBe('3.15')
    expect(roundFloatNoise('0.30000000000000004')).toBe('0.3')
    expect(roundFloatNoise('2.9999999999999996')).toBe('3')
    expect(zNonNegativeAmount.parse('3.1500000000000004')).toBe('3.15')
    expect(amountProblem('3.1500000000000004', 'price')).toBeNull()
    expect(amountProblem('0.0000001', 'price')).toMatch(/more than 6 decimals/)
    expect(amountProblem('10.1234567', 'non-negative')).toMatch(/more than 6 decimals/)
    expect(roundFloatNoise('10.1234567')).toBe('10.1234567')
  })
})
