// Every sentence the daily-workflow services say to people (notices, forecast method, reconciliation notes), in
// one place so translation is a later step, not a hunt through the services.
import { format, type Money } from '../money'
import type { WatchedState } from '../../shared/schemas'

const stockText = (s: WatchedState): string => (!s.inStock ? 'out of stock' : s.stock === null ? 'in stock' : `${s.stock} in stock`)

export const workflowText = {
  balanceLow: (account: string, available: Money, threshold: Money): string =>
    `${account}: the balance is ${format(available)}, below your warning level of ${format(threshold)}. Top it up before the next purchase.`,

  watchChanged: (account: string, title: string, before: WatchedState | null, after: WatchedState | null): string => {
    if (!after) return `${title} (${account}) is no longer in the supplier's catalog.`
    if (!before) return `${title} (${account}) is in the catalog now: ${format(after.price)}, ${stockText(after)}.`
    const parts: string[] = []
    if (before.price.amount !== after.price.amount || before.price.currency !== after.price.currency) parts.push(`price ${format(before.price)} → ${format(after.price)}`)
    if (before.stock !== after.stock || before.inStock !== after.inStock) parts.push(`stock ${stockText(before)} → ${stockText(after)}`)
    return `${title} (${account}): ${parts.join(', ')}.`
  },
  watchMore: (n: number): string => `…and ${n} more watched product${n === 1 ? '' : 's'} changed.`,

  forecastMethod: (windowDays: number): string =>
    `Spend over the last ${windowDays} days: the larger of the drops between balance readings (less refunds of those orders) and our own orders' charges less refunds; rises such as deposits are ignored. Divided by the days of history (at least one).`,
  forecastNoData: 'No balance readings or orders yet, so there is nothing to estimate from.',

  balanceFlagged: (account: string, why: string): string =>
    `${account}: the supplier's balance does not add up (${why}). It is kept and used, but reconciliation will not treat this account's totals as exact until it adds up again.`,

  reconcile: {
    balanceFlagged: "A balance reading in this period did not add up by the supplier's usual rule (a bonus credit or an adjustment?): its running totals are not used, so the comparison is not exact.",
    noReadings: 'Fewer than two balance readings in this period, so the balance change is unknown. Refresh balances at the start and the end of the period you want to reconcile.',
    nearestReadings: (from: string, to: string): string => `Compared between the balance readings of ${from} and ${to}, the nearest to the period asked.`,
    openOrders: (n: number): string => `${n} order${n === 1 ? ' is' : 's are'} still open or waiting for review; their charges and refunds are not final yet.`,
    unknownCharge: (n: number): string => `${n} order${n === 1 ? '' : 's'} needing review may or may not have been charged by the supplier.`,
    unexplainedCharge: (account: string, title: string, clientRef: string, charge: Money, reason: string): string =>
      `${account}: “${title}” (our reference ${clientRef}) — ${format(charge)} ${reason}. Reconciliation cannot be ok until it is settled.`,
    chargeInReview: 'may have been charged: the order waits for a person to check it at the supplier',
    chargeUndelivered: (delivered: number, quantity: number): string =>
      `was charged beyond the ${delivered} of ${quantity} code(s) delivered, and no refund for the rest shows yet`,
    chargeNotRefunded: 'was charged by the supplier for an order that delivered no codes, and no refund shows yet',
    otherCurrency: (n: number, currency: string): string => `${n} order${n === 1 ? '' : 's'} in a currency other than ${currency} were left out.`,
    totalsInconsistent: (delta: Money, implied: Money): string =>
      `The supplier's own totals do not add up: the balance changed by ${format(delta)} but deposits less spending come to ${format(implied)}.`,
    deposits: (amount: Money): string => `The supplier reports ${format(amount)} deposited in this period.`,
    unexplainedFall: (account: string, amount: Money): string => `${account}: the balance fell ${format(amount)} more than our orders explain (a charge we did not make?).`,
    unexplainedRise: (account: string, amount: Money, canTellDeposits: boolean): string =>
      canTellDeposits
        ? `${account}: the balance rose ${format(amount)} more than our records explain.`
        : `${account}: the balance rose ${format(amount)} more than our orders explain. This supplier does not report deposits, so a top-up cannot be told apart from anything else: check it.`,
    lockedFunds: 'Storefront money from recent sales may be held (locked) for a while before it counts as available.',
    salesMismatch: (account: string, sales: number, sold: number): string =>
      `${account}: ${sales} sale${sales === 1 ? '' : 's'} in the storefront's statement, but ${sold} code${sold === 1 ? '' : 's'} marked sold in the same period.`,
    salesShared: 'Codes marked sold are compared with the sales of every storefront account together.',
    salesOneEach: 'Each statement entry of kind sale is counted as one code sold.',
    refreshFailed: (message: string): string => `Could not read the balance now: ${message}`
  }
} as const
