// The Orders screen's texts in English, and the toasts that say what a purchase came to.
import type { OrderState } from '../../../../shared/domain'
import { codesCount } from '../../i18n/common.en'

export const orders = {
  title: 'Orders',
  state: 'State',
  anyState: 'All states',
  empty: 'No orders yet.',
  emptyFiltered: 'No orders in this state.',
  colTime: 'Time',
  colAccount: 'Account',
  colProduct: 'Product',
  colQty: 'Qty',
  colTotal: 'Total',
  colState: 'State',
  colDelivered: 'Delivered',
  delivered: (d: number, q: number) => `${d} / ${q}`,
  /** "3 of 5 delivered — 980.00 DZD refunded": what an order came to, in plain words. */
  outcome: (state: OrderState, delivered: number, quantity: number, refunded: string | null) => {
    const refund = refunded ? ` — ${refunded} refunded` : ''
    switch (state) {
      case 'completed':
        return delivered === quantity ? `All ${quantity} delivered` : `${delivered} of ${quantity} delivered${refund}`
      case 'partially_completed':
        return `${delivered} of ${quantity} delivered${refund}`
      case 'failed':
        return `Failed: ${delivered} of ${quantity} delivered${refund}`
      case 'cancelled':
        return `Cancelled: ${delivered} of ${quantity} delivered${refund}`
      case 'needs_review':
        return `Needs your review: ${delivered} of ${quantity} delivered so far`
      default:
        return `${delivered} of ${quantity} delivered so far`
    }
  },
  fieldsTitle: 'Given at purchase',
  cancel: 'Cancel order',
  cancelTitle: 'Cancel this order?',
  cancelWhat: (quantity: number, title: string) => `${quantity} × ${title}`,
  cancelTextPlanned: 'It has not been sent to the supplier yet, so nothing is charged.',
  cancelTextUpstream: (provider: string) =>
    `ResellerDesk asks ${provider} to cancel it. Codes already delivered stay in your inventory; the supplier refunds the rest.`,
  cancelReason: 'Reason',
  cancelKeep: 'Keep the order',
  cancelConfirm: 'Cancel order',
  cancelled: 'Order cancelled.',
  detailTitle: 'Order details',
  closeDetail: 'Close details',
  fOrderId: 'Order',
  fBatch: 'Batch',
  fAccount: 'Account',
  fProduct: 'Product',
  fVariant: 'Variant',
  fQuantity: 'Quantity',
  fUnitPrice: 'Unit price',
  fTotal: 'Total',
  fUpstreamId: 'Supplier order id',
  fUpstreamStatus: 'Supplier status',
  fStep: 'Step',
  fDelivered: 'Delivered',
  fRefunded: 'Refunded',
  fError: 'Error',
  fCreated: 'Created',
  fUpdated: 'Updated',
  fCompleted: 'Finished',
  codesTitle: 'Codes',
  noCodes: 'No codes delivered yet.',
  viewInCodes: 'Show in Codes',
  reviewTitle: 'This order needs your review',
  reviewExplain: (provider: string) =>
    `We could not confirm whether ${provider} placed this order (for example, the connection dropped while it was being sent). Check the order list on the supplier’s site, then tell ResellerDesk what happened. Nothing will be sent again until you decide.`,
  reviewReason: 'Reason:',
  fClientRef: 'Our reference',
  clientRefHint: (ref: string) => `Our reference for this order is ${ref}; search for it at the supplier where it shows references.`,
  candidatesTitle: 'Supplier orders that could be this one',
  candidatesNone: 'The supplier shows no order that could be this one.',
  candidateLine: (createdAt: string, quantity: string, amount: string, status: string) =>
    `Created ${createdAt} · quantity ${quantity} · amount ${amount} · ${status}`,
  candidatePick: 'This one',
  candidatePickLabel: (id: string) => `Use supplier order ${id}`,
  placedLabel: 'It was placed — supplier order id',
  placedButton: 'It was placed',
  placedNeedsId: 'Enter the supplier’s order id.',
  notPlacedButton: 'It was not placed',
  confirmPlacedTitle: 'Mark this order as placed?',
  confirmPlacedText: (id: string) =>
    `ResellerDesk will check supplier order “${id}” with the supplier (same product and quantity, not already another order here), then follow it until its codes arrive.`,
  confirmPlacedNotCandidateText: (id: string) =>
    `Supplier order “${id}” is not one of the candidates ResellerDesk found for this order, so it may be someone else’s purchase. Confirm only if you checked at the supplier that it is this order. ResellerDesk will still check the product and quantity, then follow it until its codes arrive.`,
  confirmNotPlacedTitle: 'Mark this order as not placed?',
  confirmNotPlacedText:
    'ResellerDesk will close this order without codes, recorded as your statement. Only do this if the supplier’s order list does not show it. An order the supplier has stays a charge until the supplier shows its refund.',
  resolved: 'Order updated.'
}

export const deliveries = {
  delivered: (n: number, what: string) => `${codesCount(n)} delivered — ${what}`,
  partly: (delivered: number, asked: number, what: string) => `${delivered} of ${asked} codes delivered — ${what}`,
  failed: (n: number, what: string) => `${n === 1 ? 'Order failed' : `${n} orders failed`} (the supplier refunds it) — ${what}`,
  cancelled: (what: string) => `Order cancelled — ${what}`,
  needsReview: (n: number, what: string) => `${n === 1 ? 'An order needs your review' : `${n} orders need your review`} — ${what}`,
  titles: (titles: string[], more: number) => (more > 0 ? `${titles.join(', ')} and ${more} more` : titles.join(', '))
}
