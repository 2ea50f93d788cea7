// What one order cost at its supplier, the same way for every service that adds money up (reconcile, the ledger,
// the run-out forecast): the gross amount the supplier took when it accepted the order, with the refund (if any)
// counted apart, so spent = gross − refunded for every supplier.
import type { ProviderKind } from '../../shared/domain'
import { add, multiply, normalize, type Money } from '../money'

/**
 * Adapters whose `charged` is already net of the order's refund. OneClickDz's adapter records fulfilled_amount (what
 * the delivered cards cost) as charged and the rest of quantity × price_per_card as refunded, while the supplier took
 * the whole quantity × price_per_card when it accepted the order. Every other adapter records the gross amount taken
 * (DigetalHube amount, AI Digital Tools total, Hyper Price × Quantity) and the refund apart. Counting both the net
 * charge and the refund showed every partial fill as a false mismatch equal to its refund.
 * If the OneClickDz adapter ever records the gross, take it out of this set (test/integration/reconcile-refunds.test.ts
 * fails either way until both agree).
 */
export const CHARGED_NET_OF_REFUND: ReadonlySet<ProviderKind> = new Set<ProviderKind>(['oneclickdz'])

export interface OrderMoneyRow {
  charged: string | null
  refunded: string | null
  unitPrice: string
  quantity: number
  currency: string
}

/** The gross amount the supplier took for this order; before the supplier says, the planned cost stands in. */
export function grossCharge(o: OrderMoneyRow, kind: ProviderKind): Money {
  if (o.charged === null) return multiply({ amount: o.unitPrice, currency: o.currency }, o.quantity)
  const charged = { amount: normalize(o.charged), currency: o.currency }
  return CHARGED_NET_OF_REFUND.has(kind) && o.refunded !== null ? add(charged, { amount: normalize(o.refunded), currency: o.currency }) : charged
}
