// Balances: the latest reading per account, refresh, history and the run-out forecast.
import { z } from 'zod'
import { Id, Money } from './common'
import { type ChannelTable, NoInput } from './table'

export const BalanceView = z.object({
  accountId: Id,
  accountName: z.string(),
  available: Money,
  at: z.string(),
  low: z.boolean()
})

export type BalanceView = z.infer<typeof BalanceView>

export const BalancePoint = z.object({ at: z.string(), available: Money })

export type BalancePoint = z.infer<typeof BalancePoint>

export const BalanceForecast = z.object({
  /** Days until the balance runs out at the recent rate; null when nothing was spent (or nothing is known). */
  daysLeft: z.number().nullable(),
  /** The recent spend per day; null when there is no history to estimate from. */
  spendPerDay: Money.nullable(),
  /** How many days of history the estimate covers (at most the window). */
  basedOnDays: z.number(),
  /** How it was worked out, in one sentence for people. */
  method: z.string()
})

export type BalanceForecast = z.infer<typeof BalanceForecast>

export const BalanceHistoryView = z.object({
  accountId: Id,
  accountName: z.string(),
  currency: z.string(),
  threshold: Money.nullable(),
  /** Oldest first; thinned to at most a few hundred points for a chart (the last reading of each time slot). */
  points: z.array(BalancePoint),
  forecast: BalanceForecast
})

export type BalanceHistoryView = z.infer<typeof BalanceHistoryView>

export const balancesChannels = {
  'balances.list': { input: NoInput, output: z.array(BalanceView) },
  'balances.refresh': { input: z.object({ accountId: Id.optional() }).strict(), output: z.array(BalanceView) },
  /** One account's balance readings for a chart, with the run-out forecast. */
  'balances.history': { input: z.object({ accountId: Id, days: z.number().int().min(1).max(366).default(30) }).strict(), output: BalanceHistoryView }
} as const satisfies ChannelTable
