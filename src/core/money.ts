// Money is a decimal amount as text plus its currency. All arithmetic goes through decimal.js, so no
// amount is ever a binary float. Amounts keep the precision the upstream gave them; scale only matters
// for display, where each currency has its own number of minor digits.
import Decimal from 'decimal.js'
import { AppError } from './errors'
import type { Money } from '../shared/contract'

export type { Money }

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/

/** Minor digits for display. Crypto-stable USDT is quoted to cents by DigetalHube; DZD has no circulating minor unit. */
const DISPLAY_SCALE: Record<string, number> = { USD: 2, USDT: 2, EUR: 2, TRY: 2, RUB: 2, DZD: 2, WMZ: 2 }

export function isDecimalText(s: string): boolean {
  return DECIMAL_TEXT.test(s)
}

/** Normalise a decimal text: no exponent, no trailing zeros beyond what is needed ("10.50" → "10.5", "-0" → "0"). */
export function normalize(amount: string): string {
  if (!isDecimalText(amount)) throw new AppError('VALIDATION', `“${amount}” is not an amount`)
  const d = new D(amount)
  return d.isZero() ? '0' : d.toFixed()
}

export function money(amount: string | number, currency: string): Money {
  if (typeof amount === 'number') {
    // Only integers may arrive as JS numbers (see providers/json.ts); fractional values arrive as text.
    if (!Number.isSafeInteger(amount)) throw new AppError('VALIDATION', 'Amounts with decimals must be given as text')
    return { amount: String(amount), currency }
  }
  return { amount: normalize(amount), currency }
}

export function zero(currency: string): Money {
  return { amount: '0', currency }
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new AppError('VALIDATION', `Cannot combine ${a.currency} with ${b.currency}`)
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return { amount: normalize(new D(a.amount).plus(b.amount).toFixed()), currency: a.currency }
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return { amount: normalize(new D(a.amount).minus(b.amount).toFixed()), currency: a.currency }
}

export function multiply(a: Money, factor: number | string): Money {
  if (typeof factor === 'number' && !Number.isSafeInteger(factor)) throw new AppError('VALIDATION', 'Multiply money by whole numbers or decimal text only')
  return { amount: normalize(new D(a.amount).times(String(factor)).toFixed()), currency: a.currency }
}

export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce((acc, m) => add(acc, m), zero(currency))
}

/** -1, 0 or 1. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b)
  return new D(a.amount).cmp(b.amount) as -1 | 0 | 1
}

export function isNegative(a: Money): boolean {
  return new D(a.amount).isNegative() && !new D(a.amount).isZero()
}

export function displayScale(currency: string): number {
  return DISPLAY_SCALE[currency.toUpperCase()] ?? 2
}

/** "1234.5" USDT → "1,234.50 USDT". Never rounds away value silently: extra precision is shown. */
export function format(m: Money): string {
  const d = new D(m.amount)
  const scale = Math.max(displayScale(m.currency), d.decimalPlaces())
  const [int, frac] = d.abs().toFixed(scale).split('.')
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${grouped}${frac ? '.' + frac : ''} ${m.currency}`
}
