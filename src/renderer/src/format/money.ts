// Money arrives as decimal text ({amount: "1234.5", currency: "USDT"}) and is only ever formatted here, by
// string manipulation: never through floating point, and never added up (the core sends totals).
import type { Money } from '../../../shared/contract'
import { t } from '../i18n'

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

/** "1234567.5" → "1,234,567.50"; keeps every significant decimal, shows at least two. */
export function formatAmount(amount: string): string {
  const m = DECIMAL.exec(amount.trim())
  if (!m) return amount
  const intRaw = m[2] ?? '0'
  const int = intRaw.replace(/^0+(?=\d)/, '')
  let frac = (m[3] ?? '').replace(/0+$/, '')
  if (frac.length < 2) frac = frac.padEnd(2, '0')
  const isZero = /^0*$/.test(int) && /^0*$/.test(frac)
  const sign = m[1] && !isZero ? '-' : ''
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, t.number.group)
  return `${sign}${grouped}${t.number.decimal}${frac}`
}

export function formatMoney(money: Money): string {
  return `${formatAmount(money.amount)} ${money.currency}`
}

/** "-12.5" → -1, "0.00" → 0, "3" → 1: the sign of a decimal text, for colouring money in and out. */
export function signOf(amount: string): -1 | 0 | 1 {
  const m = DECIMAL.exec(amount.trim())
  if (!m || !/[1-9]/.test(`${m[2] ?? ''}${m[3] ?? ''}`)) return 0
  return m[1] ? -1 : 1
}

/** Whether the amount is strictly greater than zero (for "refunded" and similar). */
export function isPositive(amount: string): boolean {
  return signOf(amount) > 0
}

/** "+1,234.50" / "-12.00": money in and out, with its sign always shown. */
export function formatSigned(amount: string): string {
  const text = formatAmount(amount)
  return signOf(amount) > 0 ? `+${text}` : text
}

/** Same shape the core accepts for thresholds (schemas.ts DecimalText). */
export function isDecimalText(text: string): boolean {
  return /^\d{1,15}(\.\d{1,12})?$/.test(text)
}
