// Every sentence reconciliation says to people (its notes and mismatches), in one place so translation is a later
// step, not a hunt through the service.
import { format, type Money } from '../money'

export const reconcileText = {
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
} as const
