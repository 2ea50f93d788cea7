// What an amount from a supplier may be. zAmount (json.ts) only says "this is decimal text"; these rules say
// "this can be real money": a supplier reply with an impossible amount is refused at the boundary (its message
// names the field, never the value), and a catalog item with an impossible price or stock is kept out of the
// catalog, so nothing downstream (planner, journal, reconcile) ever sees it.
//
// Decisions (the seeds are silent):
// - At most 18 integer digits: more than any balance in any currency we deal in (a 30-digit "price" is garbage).
// - At most 6 decimals: USDT itself has 6 (TRC-20/ERC-20), and every fiat currency here has 2 or fewer, so a finer
//   amount (1e-7) is not money. Trailing zeros do not count ("10.5000000" is 10.5). Float noise is not a finer
//   amount: PHP suppliers compute 1.05 × 3 in binary floats and send 3.1500000000000004. A value within 1e-9 (or
//   1e-14 of its size, for large ones) of a 6-decimal value is that value, rounded from the exact text with
//   decimal.js; only a genuinely finer amount (1e-7, 10.1234567) is refused.
// - A price is more than zero. Charges, totals, refunds and running totals are zero or more. An available balance
//   is zero or more, except where the supplier documents a credit line (Hyper CreditLimit: down to minus it).
// - Quantities and stock are whole and zero or more (an order's quantity at least 1), and at most a billion.
import Decimal from 'decimal.js'
import { z } from 'zod'
import { zAmount, zInt } from './json'

export const MAX_INTEGER_DIGITS = 18
export const MAX_DECIMALS = 6
export const MAX_COUNT = 1_000_000_000

export type AmountRule = 'price' | 'non-negative' | 'signed'

/**
 * `text` (decimal text) with binary-float noise removed: rounded to 6 decimals when it has more and lies within the
 * noise of a 6-decimal value (3.1500000000000004 → 3.15); otherwise unchanged (1e-7 stays, and is refused).
 */
export function roundFloatNoise(text: string): string {
  let d: Decimal
  try {
    d = new Decimal(text)
  } catch {
    return text
  }
  if (!d.isFinite() || d.decimalPlaces() <= MAX_DECIMALS) return text
  const rounded = d.toDecimalPlaces(MAX_DECIMALS, Decimal.ROUND_HALF_EVEN)
  const tolerance = Decimal.max('1e-9', d.abs().times('1e-14'))
  return d.minus(rounded).abs().lte(tolerance) ? rounded.toFixed() : text
}

/** Why `text` (normalized decimal text) cannot be this kind of amount, in words for people; null when it can. */
export function amountProblem(text: string, rule: AmountRule): string | null {
  let d: Decimal
  try {
    d = new Decimal(roundFloatNoise(text))
  } catch {
    return 'is not a number'
  }
  if (!d.isFinite()) return 'is not a number'
  if (d.abs().trunc().toFixed().length > MAX_INTEGER_DIGITS) return `has more than ${MAX_INTEGER_DIGITS} digits before the decimal point`
  if (d.decimalPlaces() > MAX_DECIMALS) return `has more than ${MAX_DECIMALS} decimals`
  if (rule === 'price' && d.lte(0)) return 'is not more than zero'
  if (rule === 'non-negative' && d.isNegative() && !d.isZero()) return 'is negative'
  return null
}

function ruled(rule: AmountRule) {
  return zAmount.transform(roundFloatNoise).superRefine((text, ctx) => {
    const problem = amountProblem(text, rule)
    if (problem) ctx.addIssue({ code: 'custom', message: `the amount ${problem}` })
  })
}

/** A unit price: more than zero. */
export const zPrice = ruled('price')
/** A charge, total, refund or running total: zero or more. */
export const zNonNegativeAmount = ruled('non-negative')
/** A balance that may go below zero (a credit line): only its size is checked. */
export const zSignedAmount = ruled('signed')

/** Stock, a fulfilled count, an order count: a whole number, zero or more. */
export const zCount = zInt.nonnegative('must not be negative').max(MAX_COUNT)
/** An order's quantity: a whole number, at least 1. */
export const zQuantity = zInt.positive('must be at least 1').max(MAX_COUNT)

/** Whether a ≤ b, both decimal text (for consistency checks between fields of one reply). */
export function notAbove(a: string, b: string): boolean {
  return new Decimal(a).lte(b)
}

/**
 * Why a catalog item cannot be offered (an impossible price or stock), or null. The catalog sync keeps such an
 * item out: planning against it would show negative costs or send orders the supplier cannot mean.
 */
export function catalogItemProblem(item: { price: { amount: string }; stock: number | null }): string | null {
  const price = amountProblem(item.price.amount, 'price')
  if (price) return `its price ${price}`
  if (item.stock !== null && (!Number.isSafeInteger(item.stock) || item.stock < 0 || item.stock > MAX_COUNT)) return 'its stock is not a whole number of zero or more'
  return null
}
