// USDT amounts in the DigetalHube simulator: decimal.js only, never binary floats.
import type Decimal from 'decimal.js'
import { SimDecimal, parseDecimalText, twoDecimalsAtLeast } from '../common/money'

export const Usdt = SimDecimal
export type Usdt = Decimal

/** Parses a non-negative decimal text ("500.00"); anything else is a configuration mistake. */
export function parseUsdt(text: string, what: string): Decimal {
  return parseDecimalText(text, what)
}

/**
 * The way the seed prints money: at least two decimals (50.00, 10.50, 48.95), more only when the amount has them.
 * Used both for JSON number tokens and for the "$10.50" in messages.
 */
export const formatUsdt = twoDecimalsAtLeast
