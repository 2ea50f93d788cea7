// When will an account run out? From the recent spend: over the last `windowDays` days, the larger of
//  (a) the drops between consecutive balance readings, less the refunds of orders charged in the window (a refund
//      shows as a rise, which is ignored, after its charge was counted as a drop), and
//  (b) our journal's charges less its refunds in the window.
// Each is a lower bound of what really left the account: (a) misses a purchase hidden by a deposit between two
// readings, (b) misses spending by anyone else with the same key. Rises (deposits) are never counted as spend.
// The spend is divided by the days of history in the window (at least one, so a few hours of data do not
// extrapolate wildly). Amounts are decimal throughout; only the day count is a plain number.
import Decimal from 'decimal.js'
import type { BalanceForecast, Money } from '../../shared/contract'
import type { JournalMoneyRow } from '../db/journal-money-repo'
import { normalize } from '../money'
import { balancesText } from './text'
import { grossCharge } from '../orders'
import type { ProviderKind } from '../../shared/domain'

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
const DAY_MS = 24 * 60 * 60_000
export const FORECAST_WINDOW_DAYS = 7

export interface ForecastInput {
  now: Date
  windowDays: number
  currency: string
  /** The latest reading (what is left). */
  available: Money | null
  /** Readings inside the window, oldest first. */
  readings: readonly { at: string; available: string }[]
  /** Orders of the account touching the window (see JournalMoneyRepo.touching). */
  journal: readonly JournalMoneyRow[]
  /** When the account's history starts (its first reading or order), null when it has none. */
  historyStart: string | null
  /** The supplier, for how its orders record their charge (see order-money.ts); absent: charged is gross. */
  kind?: ProviderKind
}


export function forecastRunOut(input: ForecastInput): BalanceForecast {
  const method = balancesText.forecastMethod(input.windowDays)
  const nowMs = input.now.getTime()
  const windowStartMs = nowMs - input.windowDays * DAY_MS
  const inWindow = (at: string | null): boolean => at !== null && Date.parse(at) >= windowStartMs && Date.parse(at) <= nowMs
  const journal = input.journal.filter((o) => o.currency === input.currency)

  if (input.historyStart === null && input.readings.length === 0 && journal.length === 0) {
    return { daysLeft: null, spendPerDay: null, basedOnDays: 0, method: balancesText.forecastNoData }
  }

  // (a) drops between readings, less refunds of orders whose charge is also in the window
  let drops = new D(0)
  for (let i = 1; i < input.readings.length; i++) {
    const delta = new D(input.readings[i - 1]!.available).minus(input.readings[i]!.available)
    if (delta.gt(0)) drops = drops.plus(delta)
  }
  let refundsOfWindowCharges = new D(0)
  let charges = new D(0)
  let refunds = new D(0)
  for (const o of journal) {
    const charged = o.upstreamId !== null && inWindow(o.chargedAt)
    if (charged) charges = charges.plus(grossCharge(o, input.kind ?? 'digetalhube').amount)
    if (o.refunded !== null && inWindow(o.completedAt)) {
      refunds = refunds.plus(o.refunded)
      if (charged) refundsOfWindowCharges = refundsOfWindowCharges.plus(o.refunded)
    }
  }
  const fromReadings = D.max(0, drops.minus(refundsOfWindowCharges))
  const fromJournal = D.max(0, charges.minus(refunds))
  const spend = D.max(fromReadings, fromJournal)

  const startMs = Math.max(windowStartMs, input.historyStart ? Date.parse(input.historyStart) : windowStartMs)
  const spanDays = new D(Math.max(0, nowMs - startMs)).div(DAY_MS)
  const basedOnDays = spanDays.toDecimalPlaces(1, Decimal.ROUND_DOWN).toNumber()
  const perDay = spend.div(D.max(1, spanDays))
  const spendPerDay: Money = { amount: normalize(perDay.toDecimalPlaces(4).toFixed()), currency: input.currency }

  let daysLeft: number | null = null
  if (input.available && perDay.gt(0)) {
    const left = new D(input.available.amount)
    daysLeft = left.lte(0) ? 0 : left.div(perDay).toDecimalPlaces(1, Decimal.ROUND_DOWN).toNumber()
  }
  return { daysLeft, spendPerDay, basedOnDays, method }
}

/** At most `max` points for a chart: the last reading of each equal time slot, first and last always kept. */
export function thinPoints<T extends { at: string }>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points]
  const first = Date.parse(points[0]!.at)
  const last = Date.parse(points[points.length - 1]!.at)
  const slotMs = Math.max(1, (last - first) / (max - 1))
  const bySlot = new Map<number, T>()
  for (const p of points) bySlot.set(Math.floor((Date.parse(p.at) - first) / slotMs), p)
  const out = [...bySlot.values()]
  if (out[0] !== points[0]) out.unshift(points[0]!)
  return out
}
