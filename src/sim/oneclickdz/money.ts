// DZD amounts in the OneClickDz simulator: decimal.js only, never binary floats.
import type Decimal from 'decimal.js'
import { SimDecimal, parseDecimalText, twoDecimalsAtLeast } from '../common/money'

export const Dzd = SimDecimal
export type Dzd = Decimal

/** Parses a non-negative decimal text ("490", "1326.13"); anything else is a configuration mistake. */
export function parseDzd(text: string, what: string): Decimal {
  return parseDecimalText(text, what, { example: '"490" or "987.50"' })
}

/** On the wire, as the docs print it: 490, 1326.13 — no forced decimals. */
export function wireDzd(amount: Decimal): string {
  return amount.toFixed()
}

/** For test accessors and messages: at least two decimals ("50000.00", "1326.13"). */
export const formatDzd = twoDecimalsAtLeast
