// TRY amounts in the Hyper simulator: decimal.js only, never binary floats.
import type Decimal from 'decimal.js'
import { SimDecimal, parseDecimalText, twoDecimalsAtLeast } from '../common/money'

export const Try = SimDecimal
export type Try = Decimal

/** Parses a decimal text ("500.00"); anything else is a configuration mistake. */
export function parseAmount(text: string, what: string, opts: { allowNegative?: boolean } = {}): Decimal {
  return parseDecimalText(text, what, { signed: opts.allowNegative ?? false })
}

/** How a .NET decimal with scale 2 prints: at least two decimals (42.90, 20000.00), more only when the amount has them. */
export const formatAmount = twoDecimalsAtLeast
