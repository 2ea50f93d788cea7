// Turning raw values from the core into text: upstream step codes, short ids, product names, what an order came to.
import type { CatalogItemView, OrderView } from '../../../shared/contract'
import { t } from '../i18n'
import { formatMoney, isPositive } from './money'

/** "checking_balance" → "Checking balance"; steps we know are translated, others tidied up. */
export function stepLabel(step: string | null): string {
  if (!step) return t.common.none
  const known = t.steps[step]
  if (known) return known
  const words = step.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Long ids are shown by their last characters (full id in a title attribute). */
export function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-8)}` : id
}

/** "PUBG Mobile — 60 UC": a catalog item (or a watched one) by its product's and its variant's names. */
export function itemName(item: Pick<CatalogItemView, 'title' | 'variantName'>): string {
  return item.variantName ? `${item.title} — ${item.variantName}` : item.title
}

/** "3 of 5 delivered — 980.00 DZD refunded". */
export function orderOutcome(o: Pick<OrderView, 'state' | 'deliveredCount' | 'quantity' | 'refunded'>): string {
  const refund = o.refunded && isPositive(o.refunded.amount) ? formatMoney(o.refunded) : null
  return t.orders.outcome(o.state, o.deliveredCount, o.quantity, refund)
}
