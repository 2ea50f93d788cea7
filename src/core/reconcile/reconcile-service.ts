// Reconciliation: per account over a period, what our journal says was spent (charges − refunds) against what the
// upstream's balance did between the two readings nearest the period. Nothing is smoothed over: every difference
// is reported, with what could and could not be explained.
//
//  - Exact: where both readings carry the upstream's running totals (DigetalHube total_spent / total_deposited),
//    deposits are known, so expected change = deposited − journalNet and any difference is real.
//  - Statement: a storefront account (Digiseller) keeps a statement we import; expected change = its entries.
//  - Otherwise: expected change = −journalNet; a rise we cannot explain may be a deposit, and is flagged as such.
//
// The journal is read between the two readings themselves (not the period asked), so both sides cover the same
// time. For storefront accounts, the statement's sales in the period are also compared with the codes marked
// sold in the period.
import Decimal from 'decimal.js'
import type { AccountReconciliation, Money, ReconcileMismatch, ReconcileReport } from '../../shared/contract'
import type { ProviderKind } from '../../shared/domain'
import type { AccountRecord } from '../db/accounts-repo'
import type { BalanceSnapshot } from '../db/balances-repo'
import type { JournalMoneyRow } from '../db/journal-money-repo'
import type { Storage } from '../db/storage'
import { AppError, toPublicError } from '../errors'
import { add, isNegative, normalize, subtract, sum, zero } from '../money'
import type { AccountService } from '../accounts'
import { BALANCE_FLAG } from '../providers/types'
import type { BalanceService } from '../balances'
import type { LedgerService } from '../ledger'
import { reconcileText } from './text'
import { grossCharge } from '../orders'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type ReconcileStorage = Pick<Storage, 'balances' | 'codes' | 'journalMoney' | 'ledger'>

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
const UNCOVERED_MS = 60 * 60_000
const UNSETTLED = new Set(['submitting', 'submitted', 'processing', 'needs_review'])
const T = reconcileText

const m = (amount: Decimal.Value, currency: string): Money => ({ amount: normalize(new D(amount).toFixed()), currency })
const isZero = (x: Money): boolean => new D(x.amount).isZero()
const abs = (x: Money): Money => (isNegative(x) ? subtract(zero(x.currency), x) : x)
const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ')

/** The upstream's running totals in a reading, when it gives both. */
function totals(s: BalanceSnapshot): { spent: string; deposited: string } | null {
  // A reading flagged as not adding up (a bonus credit, an adjustment) has totals we cannot lean on.
  if (s.details[BALANCE_FLAG]) return null
  const spent = s.details.total_spent
  const deposited = s.details.total_deposited
  const ok = (v: string | undefined): v is string => v !== undefined && /^-?\d+(\.\d+)?$/.test(v)
  return ok(spent) && ok(deposited) ? { spent, deposited } : null
}

export class ReconcileService {
  constructor(
    private readonly storage: ReconcileStorage,
    private readonly accounts: AccountService,
    private readonly balances: BalanceService,
    private readonly ledger: LedgerService,
    private readonly now: () => Date
  ) {}

  /** `from`/`to` are ISO instants (inclusive); no `to`: up to now (after the refresh, when asked for one). */
  async run(opts: { from: string; to?: string | undefined; accountId?: string | undefined; refresh?: boolean }): Promise<ReconcileReport> {
    if (opts.to !== undefined && opts.to < opts.from) throw new AppError('VALIDATION', 'The period ends before it starts.', { fields: { to: 'must be after from' } })
    const list = opts.accountId ? [this.accounts.get(opts.accountId)] : this.accounts.list()
    const refreshNotes = new Map<string, string>()
    if (opts.refresh) {
      await Promise.all(
        list.map(async (a) => {
          try {
            await this.balances.refreshAccount(a.id)
            if (this.accounts.capabilities(a.kind).ledger) await this.ledger.syncAccount(a.id)
          } catch (e) {
            refreshNotes.set(a.id, T.refreshFailed(toPublicError(e).message))
          }
        })
      )
    }
    // A period that ends now includes the readings just taken.
    const to = opts.to ?? this.now().toISOString()
    const storefronts = this.accounts.list().filter((a) => !this.accounts.capabilities(a.kind).supplier && this.accounts.capabilities(a.kind).ledger)
    const codesSold = this.storage.codes.countSoldBetween(opts.from, to)

    const accounts = list.map((a) => {
      const r = this.reconcileBalance(a, opts.from, to)
      const note = refreshNotes.get(a.id)
      if (note) r.notes.unshift(note)
      if (storefronts.some((s) => s.id === a.id)) r.sales = this.reconcileSales(a, opts.from, to, codesSold, storefronts.length, r.notes)
      return r
    })

    const mismatches: ReconcileMismatch[] = []
    for (const r of accounts) {
      if (r.status === 'mismatch' && r.difference && !isZero(r.difference)) {
        const message = isNegative(r.difference) ? T.unexplainedFall(r.accountName, abs(r.difference)) : T.unexplainedRise(r.accountName, r.difference, r.exact || r.ledgerNet !== null)
        mismatches.push({ accountId: r.accountId, accountName: r.accountName, kind: 'balance', message, difference: r.difference })
      }
      for (const u of r.unexplainedCharges ?? []) {
        mismatches.push({ accountId: r.accountId, accountName: r.accountName, kind: 'charge', orderId: u.orderId, message: T.unexplainedCharge(r.accountName, u.title, u.clientRef, u.charge, u.reason), difference: u.charge })
      }
      if (r.sales?.status === 'mismatch') {
        mismatches.push({ accountId: r.accountId, accountName: r.accountName, kind: 'sales', message: T.salesMismatch(r.accountName, r.sales.sales, r.sales.codesSold), difference: null })
      }
    }
    return { from: opts.from, to, accounts, mismatches }
  }

  private reconcileBalance(a: AccountRecord, from: string, to: string): AccountReconciliation {
    const notes: string[] = []
    const opening = this.storage.balances.atOrBefore(a.id, from) ?? this.storage.balances.between(a.id, from, to)[0] ?? null
    const closing = this.storage.balances.atOrBefore(a.id, to)
    const currency = closing?.currency ?? opening?.currency ?? a.currency
    const readings = opening && closing && opening.at < closing.at && opening.currency === closing.currency ? { from: opening.at, to: closing.at } : null

    // Our journal over the same stretch as the readings (or the period asked, when there are none).
    const jFrom = readings?.from ?? from
    const jTo = readings?.to ?? to
    const inJournalWindow = (at: string | null): boolean => at !== null && (readings ? at > jFrom && at <= jTo : at >= jFrom && at <= jTo)
    const rows = this.storage.journalMoney.touching(a.id, jFrom, jTo)
    const other = rows.filter((o) => o.currency !== currency)
    if (other.length) notes.push(T.otherCurrency(other.length, currency))
    const mine = rows.filter((o) => o.currency === currency)
    // An order counts as charged once the supplier has it (an upstream id), or once the supplier's numbers showed a
    // charge (an order resolved "not placed" keeps `charged` until the supplier shows the refund).
    const charges = mine.filter((o) => (o.upstreamId !== null || o.charged !== null) && inJournalWindow(o.chargedAt))
    const spent = sum(charges.map((o) => grossCharge(o, a.kind)), currency)
    const refunded = sum(mine.filter((o) => o.refunded !== null && inJournalWindow(o.completedAt)).map((o) => m(o.refunded!, currency)), currency)
    const journalNet = subtract(spent, refunded)
    const unsettled = mine.filter((o) => UNSETTLED.has(o.state) && o.chargedAt <= jTo)
    const open = unsettled.filter((o) => o.state !== 'needs_review')
    const review = unsettled.filter((o) => o.state === 'needs_review')
    if (open.length) notes.push(T.openOrders(open.length))
    if (review.length) notes.push(T.unknownCharge(review.length))
    const unexplainedCharges = this.unexplainedCharges(mine, a.kind, jTo)

    const base = {
      accountId: a.id,
      accountName: a.name,
      kind: a.kind,
      currency,
      readings,
      journalSpent: spent,
      journalRefunded: refunded,
      journalNet,
      upstreamSpent: null as Money | null,
      upstreamDeposited: null as Money | null,
      ledgerNet: null as Money | null,
      sales: null as AccountReconciliation['sales'],
      unexplainedCharges
    }
    if (!readings || !opening || !closing) {
      notes.push(T.noReadings)
      return { ...base, upstreamChange: null, expectedChange: null, difference: null, exact: false, status: 'not_enough_data', notes }
    }
    // Say so when the readings leave a real part of the period asked uncovered (over an hour at either end).
    if (Date.parse(readings.from) - Date.parse(from) > UNCOVERED_MS || Date.parse(to) - Date.parse(readings.to) > UNCOVERED_MS) {
      notes.push(T.nearestReadings(when(readings.from), when(readings.to)))
    }

    const upstreamChange = m(new D(closing.available).minus(opening.available), currency)
    const t0 = totals(opening)
    const t1 = totals(closing)
    if (opening.details[BALANCE_FLAG] || closing.details[BALANCE_FLAG]) notes.push(T.balanceFlagged)
    let expectedChange: Money
    let exact = false
    if (t0 && t1) {
      exact = true
      base.upstreamSpent = m(new D(t1.spent).minus(t0.spent), currency)
      base.upstreamDeposited = m(new D(t1.deposited).minus(t0.deposited), currency)
      expectedChange = subtract(base.upstreamDeposited, journalNet)
      if (!isZero(base.upstreamDeposited)) notes.push(T.deposits(base.upstreamDeposited))
      const implied = subtract(base.upstreamDeposited, base.upstreamSpent)
      if (!isZero(subtract(implied, upstreamChange))) notes.push(T.totalsInconsistent(upstreamChange, implied))
    } else if (!this.accounts.capabilities(a.kind).supplier && this.accounts.capabilities(a.kind).ledger) {
      const entries = this.storage.ledger.between(a.id, readings.from, readings.to).filter((e) => e.at > readings.from && e.currency === currency)
      base.ledgerNet = sum(entries.map((e) => m(e.amount, currency)), currency)
      expectedChange = subtract(base.ledgerNet, journalNet)
    } else {
      expectedChange = subtract(zero(currency), journalNet)
    }
    const difference = subtract(upstreamChange, expectedChange)
    // Never ok while a charge is unexplained, even when the balance happens to agree (the money may be in question
    // on both sides: a charged order in review is counted as spent, but nothing says it delivered).
    const status = isZero(difference) && unexplainedCharges.length === 0 ? 'ok' : 'mismatch'
    if (status === 'mismatch' && base.ledgerNet !== null) notes.push(T.lockedFunds)
    return { ...base, upstreamChange, expectedChange, difference, exact, status, notes }
  }

  /**
   * Orders whose charge nothing explains, up to the end of the comparison: every order in review (the supplier may
   * have charged it; listed with the charge it would be), and every order closed without codes (failed or cancelled)
   * whose supplier numbers show a charge not refunded in full.
   */
  private unexplainedCharges(rows: readonly JournalMoneyRow[], kind: ProviderKind, until: string): NonNullable<AccountReconciliation['unexplainedCharges']> {
    const out: NonNullable<AccountReconciliation['unexplainedCharges']> = []
    for (const o of rows) {
      if (o.chargedAt > until) continue
      if (o.state === 'needs_review') {
        out.push({ orderId: o.orderId, title: o.title, clientRef: o.clientRef, state: o.state, charge: grossCharge(o, kind), reason: T.chargeInReview })
        continue
      }
      if ((o.state === 'failed' || o.state === 'cancelled') && o.charged !== null) {
        const kept = subtract(grossCharge(o, kind), o.refunded !== null ? m(o.refunded, o.currency) : zero(o.currency))
        if (!isZero(kept) && !isNegative(kept)) out.push({ orderId: o.orderId, title: o.title, clientRef: o.clientRef, state: o.state, charge: kept, reason: T.chargeNotRefunded })
      }
      // Delivered some codes: what it kept beyond the codes it delivered (charged for 10, 7 delivered, no refund).
      if (o.state === 'partially_completed' && o.charged !== null) {
        const kept = subtract(grossCharge(o, kind), o.refunded !== null ? m(o.refunded, o.currency) : zero(o.currency))
        const beyond = subtract(kept, m(new D(o.unitPrice).times(o.delivered), o.currency))
        if (!isZero(beyond) && !isNegative(beyond)) {
          out.push({ orderId: o.orderId, title: o.title, clientRef: o.clientRef, state: o.state, charge: beyond, reason: T.chargeUndelivered(o.delivered, o.quantity) })
        }
      }
    }
    return out
  }

  private reconcileSales(a: AccountRecord, from: string, to: string, codesSold: number, storefrontCount: number, notes: string[]): NonNullable<AccountReconciliation['sales']> {
    const entries = this.storage.ledger.between(a.id, from, to)
    const sales = entries.filter((e) => e.kind === 'sale')
    const refunds = entries.filter((e) => e.kind === 'refund').length
    // Every storefront account sells the same inventory: with several, their sales are counted together.
    const allSales = storefrontCount > 1 ? this.storefrontSalesCount(from, to) : sales.length
    const currency = sales[0]?.currency ?? a.currency
    const salesAmount = sales.filter((e) => e.currency === currency).reduce((acc, e) => add(acc, m(e.amount, currency)), zero(currency))
    notes.push(T.salesOneEach)
    if (storefrontCount > 1) notes.push(T.salesShared)
    const difference = codesSold - allSales
    return { sales: sales.length, salesAmount, refunds, codesSold, difference, status: difference === 0 ? 'ok' : 'mismatch' }
  }

  private storefrontSalesCount(from: string, to: string): number {
    return this.accounts
      .list()
      .filter((a) => !this.accounts.capabilities(a.kind).supplier && this.accounts.capabilities(a.kind).ledger)
      .reduce((n, a) => n + this.storage.ledger.between(a.id, from, to).filter((e) => e.kind === 'sale').length, 0)
  }
}
