// What the Buy screen checks before asking the core for a plan: the same rules as the contract's
// BasketLine, with messages that say what to type instead.
import type { CustomField } from '../../../../shared/contract'
import type { Checked } from '../../model/checked'
import { t } from '../../i18n'

export const MAX_LINE_QUANTITY = 10_000

export function checkQuantity(raw: string): Checked<number> {
  const text = raw.trim()
  if (text === '') return { ok: false, message: t.buy.qtyEmpty }
  if (/^-/.test(text)) return { ok: false, message: t.buy.qtyNegative }
  if (/^\d*[.,]\d*$/.test(text) && /\d/.test(text)) {
    // "5.0" is still five, but the person should type whole numbers; say so rather than guess.
    return { ok: false, message: t.buy.qtyDecimal }
  }
  if (!/^\d+$/.test(text)) return { ok: false, message: t.buy.qtyNotNumber }
  const n = Number(text)
  if (n < 1) return { ok: false, message: t.buy.qtyZero }
  if (n > MAX_LINE_QUANTITY) return { ok: false, message: t.buy.qtyTooLarge(MAX_LINE_QUANTITY) }
  return { ok: true, value: n }
}

export function checkField(field: CustomField, raw: string): Checked<string> {
  const value = raw.trim()
  if (value === '') return field.required ? { ok: false, message: t.buy.fieldRequired(field.label) } : { ok: true, value }
  if (field.pattern) {
    let re: RegExp | null = null
    try {
      // Anchored like the core's planner: the whole value must match, not a part of it.
      re = new RegExp(`^(?:${field.pattern})$`)
    } catch {
      re = null // the upstream's pattern is not a JS pattern: leave the check to the upstream
    }
    if (re && !re.test(value)) return { ok: false, message: t.buy.fieldPattern(field.label) }
  }
  return { ok: true, value }
}
