// USD amounts in the AI Digital Tools simulator: decimal.js only, never binary floats.
import Decimal from 'decimal.js'
import { SimDecimal, parseDecimalText, twoDecimalsAtLeast } from '../common/money'

export const Usd = SimDecimal
export type Usd = Decimal

/** Parses a non-negative decimal text ("250.00"); anything else is a configuration mistake. */
export function parseAmount(text: string, what: string): Decimal {
  return parseDecimalText(text, what)
}

export function parsePercent(value: number, what: string): Decimal {
  if (!Number.isFinite(value) || value < 0 || value > 100) throw new RangeError(`${what} must be a percentage in [0, 100], got ${value}`)
  return new Usd(String(value))
}

/** The way the seed prints money in JSON: as JavaScript prints numbers (125.5, 9, 116.5), so no trailing zeros. */
export function jsonAmount(amount: Decimal): string {
  return amount.toFixed()
}

/** For messages and test accessors: at least two decimals ("250.00", "0.89"). */
export const centsText = twoDecimalsAtLeast

/** The reseller's price: list price less the discount, to the cent (half up). 10 at 10 % → 9. */
export function discounted(price: Decimal, percent: Decimal): Decimal {
  return price
    .times(new Usd(100).minus(percent))
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}
