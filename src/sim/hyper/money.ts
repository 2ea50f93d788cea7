// TRY amounts in the Hyper simulator: decimal.js only, never binary floats.
import Decimal from 'decimal.js'

export const Try = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Try = Decimal

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/

/** Parses a decimal text ("500.00"); anything else is a configuration mistake. */
export function parseAmount(text: string, what: string, opts: { allowNegative?: boolean } = {}): Decimal {
  if (!DECIMAL_TEXT.test(text) || (!opts.allowNegative && text.startsWith('-'))) {
    throw new RangeError(`${what} must be a ${opts.allowNegative ? '' : 'non-negative '}decimal text like "10.50", got "${text}"`)
  }
  return new Try(text)
}

/** How a .NET decimal with scale 2 prints: at least two decimals (42.90, 20000.00), more only when the amount has them. */
export function formatAmount(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed()
}
