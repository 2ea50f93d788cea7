// Money in the simulators: decimal.js only, never binary floats. Every upstream's amounts use the same decimal
// settings; what differs per upstream (currency, how it prints amounts on the wire) stays in its own money.ts.
import Decimal from 'decimal.js'

export const SimDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/

export interface ParseDecimalOptions {
  /** Accept a leading minus sign; default false. */
  signed?: boolean
  /** The example named in the error message; default `"10.50"`. */
  example?: string
}

/** Parses a decimal text ("250.00", "-0.99" if signed); anything else is a configuration mistake. */
export function parseDecimalText(text: string, what: string, opts: ParseDecimalOptions = {}): Decimal {
  if (!DECIMAL_TEXT.test(text) || (!opts.signed && text.startsWith('-'))) {
    throw new RangeError(`${what} must be a ${opts.signed ? '' : 'non-negative '}decimal text like ${opts.example ?? '"10.50"'}, got "${text}"`)
  }
  return new SimDecimal(text)
}

/** At least two decimals ("250.00", "0.89", "48.95"), more only when the amount has them. */
export function twoDecimalsAtLeast(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed()
}
