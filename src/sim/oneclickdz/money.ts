// DZD amounts in the OneClickDz simulator: decimal.js only, never binary floats.
import Decimal from 'decimal.js'

export const Dzd = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Dzd = Decimal

const DECIMAL_TEXT = /^\d+(\.\d+)?$/

/** Parses a non-negative decimal text ("490", "1326.13"); anything else is a configuration mistake. */
export function parseDzd(text: string, what: string): Decimal {
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`${what} must be a non-negative decimal text like "490" or "987.50", got "${text}"`)
  return new Dzd(text)
}

/** On the wire, as the docs print it: 490, 1326.13 — no forced decimals. */
export function wireDzd(amount: Decimal): string {
  return amount.toFixed()
}

/** For test accessors and messages: at least two decimals ("50000.00", "1326.13"). */
export function formatDzd(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed()
}
