// Amounts in the Digiseller simulator: decimal.js only, never binary floats.
import Decimal from 'decimal.js'
import { SimDecimal, parseDecimalText, twoDecimalsAtLeast } from '../common/money'

export const Dec = SimDecimal
export type Dec = Decimal

export function parseAmount(text: string, what: string, opts: { signed?: boolean } = {}): Decimal {
  return parseDecimalText(text, what, opts)
}

/** The seed prints money with two decimals at least (1.10, 0.00, -0.99), more only when the amount has them. */
export const formatAmount = twoDecimalsAtLeast

/** What the seller gets: price less the percent, cut down to the cent (seed: 0.04 at 1.50 % → 0.03). */
export function afterFee(price: Decimal, percent: Decimal): Decimal {
  return price.times(new Dec(100).minus(percent)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN)
}

/** Digiseller's fee on an aggregator payment, to the cent, at least 0.01. */
export function feeOf(price: Decimal, percent: Decimal): Decimal {
  return Decimal.max(price.times(percent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), new Dec('0.01'))
}
