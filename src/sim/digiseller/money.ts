// Amounts in the Digiseller simulator: decimal.js only, never binary floats.
import Decimal from 'decimal.js'

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Dec = Decimal

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/

export function parseAmount(text: string, what: string, opts: { signed?: boolean } = {}): Decimal {
  if (!DECIMAL_TEXT.test(text) || (!opts.signed && text.startsWith('-'))) {
    throw new RangeError(`${what} must be a ${opts.signed ? '' : 'non-negative '}decimal text like "10.50", got "${text}"`)
  }
  return new Dec(text)
}

/** The seed prints money with two decimals at least (1.10, 0.00, -0.99), more only when the amount has them. */
export function formatAmount(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed()
}

/** What the seller gets: price less the percent, cut down to the cent (seed: 0.04 at 1.50 % → 0.03). */
export function afterFee(price: Decimal, percent: Decimal): Decimal {
  return price.times(new Dec(100).minus(percent)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN)
}

/** Digiseller's fee on an aggregator payment, to the cent, at least 0.01. */
export function feeOf(price: Decimal, percent: Decimal): Decimal {
  return Decimal.max(price.times(percent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), new Dec('0.01'))
}
