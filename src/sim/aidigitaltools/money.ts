// USD amounts in the AI Digital Tools simulator: decimal.js only, never binary floats.
import Decimal from 'decimal.js'

export const Usd = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Usd = Decimal

const DECIMAL_TEXT = /^\d+(\.\d+)?$/

/** Parses a non-negative decimal text ("250.00"); anything else is a configuration mistake. */
export function parseAmount(text: string, what: string): Decimal {
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`${what} must be a non-negative decimal text like "10.50", got "${text}"`)
  return new Usd(text)
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
export function centsText(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed()
}

/** The reseller's price: list price less the discount, to the cent (half up). 10 at 10 % → 9. */
export function discounted(price: Decimal, percent: Decimal): Decimal {
  return price
    .times(new Usd(100).minus(percent))
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}
