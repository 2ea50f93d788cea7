// USDT amounts in the DigetalHube simulator: decimal.js only, never binary floats.
import Decimal from 'decimal.js'

export const Usdt = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Usdt = Decimal

const DECIMAL_TEXT = /^\d+(\.\d+)?$/

/** Parses a non-negative decimal text ("500.00"); anything else is a configuration mistake. */
export function parseUsdt(text: string, what: string): Decimal {
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`${what} must be a non-negative decimal text like "10.50", got "${text}"`)
  return new Usdt(text)
}

/**
 * The way the seed prints money: at least two decimals (50.00, 10.50, 48.95), more only when the amount has them.
 * Used both for JSON number tokens and for the "$10.50" in messages.
 */
export function formatUsdt(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed()
}
