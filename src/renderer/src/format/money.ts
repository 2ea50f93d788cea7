// Money arrives as decimal text ({amount: "1234.5", currency: "USDT"}). It is formatted by string
// manipulation and summed with BigInt on scaled integers: never through floating point.
import type { Money } from '../../../shared/schemas'
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

function toScaled(amount: string, scale: number): bigint {
  const m = DECIMAL.exec(amount.trim())
  if (!m) throw new Error(`not a decimal amount: ${amount}`)
  const frac = (m[3] ?? '').padEnd(scale, '0')
  const v = BigInt(`${m[2] ?? '0'}${frac}`)
  return m[1] ? -v : v
}

function fromScaled(v: bigint, scale: number): string {
  const neg = v < 0n
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0')
  const int = digits.slice(0, digits.length - scale)
  const frac = digits.slice(digits.length - scale)
  return `${neg ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`
}

function scaleOf(amount: string): number {
  return DECIMAL.exec(amount.trim())?.[3]?.length ?? 0
}

/** Exact sum of decimal texts (same currency assumed). */
export function addAmounts(amounts: readonly string[]): string {
  const valid = amounts.filter((a) => DECIMAL.test(a.trim()))
  const scale = Math.max(0, ...valid.map(scaleOf))
  let sum = 0n
  for (const a of valid) sum += toScaled(a, scale)
  return fromScaled(sum, scale)
}

/** Sums per currency, in order of first appearance: mixed-currency baskets get one total per currency. */
export function sumByCurrency(list: readonly Money[]): Money[] {
  const byCurrency = new Map<string, string[]>()
  for (const m of list) {
    const arr = byCurrency.get(m.currency) ?? []
    arr.push(m.amount)
    byCurrency.set(m.currency, arr)
  }
  return [...byCurrency].map(([currency, amounts]) => ({ currency, amount: addAmounts(amounts) }))
}

/** Whether the amount is strictly greater than zero (for "refunded" and similar). */
export function isPositive(amount: string): boolean {
  const m = DECIMAL.exec(amount.trim())
  if (!m || m[1]) return false
  return /[1-9]/.test(`${m[2] ?? ''}${m[3] ?? ''}`)
}

/** Same shape the core accepts for thresholds (schemas.ts DecimalText). */
export function isDecimalText(text: string): boolean {
  return /^\d{1,15}(\.\d{1,12})?$/.test(text)
}
