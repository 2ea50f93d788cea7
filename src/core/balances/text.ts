// Every sentence the balances slice says to people (the low-balance warning, the forecast's method, a flagged
// reading), in one place so translation is a later step, not a hunt through the services.
import { format, type Money } from '../money'

export const balancesText = {
  balanceLow: (account: string, available: Money, threshold: Money): string =>
    `${account}: the balance is ${format(available)}, below your warning level of ${format(threshold)}. Top it up before the next purchase.`,

  forecastMethod: (windowDays: number): string =>
    `Spend over the last ${windowDays} days: the larger of the drops between balance readings (less refunds of those orders) and our own orders' charges less refunds; rises such as deposits are ignored. Divided by the days of history (at least one).`,
  forecastNoData: 'No balance readings or orders yet, so there is nothing to estimate from.',

  balanceFlagged: (account: string, why: string): string =>
    `${account}: the supplier's balance does not add up (${why}). It is kept and used, but reconciliation will not treat this account's totals as exact until it adds up again.`,
} as const
