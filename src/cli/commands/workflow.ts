// The daily workflow from the command line: the code inventory (list, mark sold/void), balance history with the
// run-out forecast, markup rules, watched products and reconciliation. Each runs over an open Session; index.ts
// declares the commands and their options.
import type { CodeState } from '../../shared/domain'
import type { BalanceHistoryView, CodeFilter, MarkupRounding, ReconcileReport } from '../../shared/schemas'
import type { Session } from '../../core/app/session'
import { format } from '../../core/money'
import { daysBefore, periodEnd, periodStart } from '../../core/period'
import { UsageError } from '../context'
import { money, type Output, table } from '../output'

const when = (iso: string | null): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')

function checkDate(option: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined
  try {
    periodStart(v)
    return v
  } catch {
    throw new UsageError(`${option} takes a date such as 2026-11-01 or 2026-11-01T14:30 (got “${v}”).`)
  }
}

export interface CodeFilterOptions {
  account?: string
  product?: string
  order?: string
  status?: CodeState
  from?: string
  to?: string
}

export function codeFilterFrom(s: Session, o: CodeFilterOptions, findOrder: (s: Session, id: string) => string): CodeFilter {
  const from = checkDate('--from', o.from)
  const to = checkDate('--to', o.to)
  return {
    ...(o.account ? { accountId: s.accounts.byName(o.account).id } : {}),
    ...(o.product ? { productId: o.product } : {}),
    ...(o.order ? { orderId: findOrder(s, o.order) } : {}),
    ...(o.status ? { state: o.status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {})
  }
}

export function runCodesList(s: Session, out: Output, filter: CodeFilter, limit: number): void {
  const list = s.codes.list(filter, limit)
  out.result(list, () =>
    list.length === 0
      ? 'No codes match.'
      : table([
          ['ID', 'DELIVERED', 'ACCOUNT', 'PRODUCT', 'CODE', 'STATE', 'SINCE'],
          ...list.map((c) => [
            c.id.slice(0, 8),
            when(c.createdAt),
            c.accountName,
            c.title,
            c.masked,
            (c.state === 'void' && c.voidReason ? `void (${c.voidReason})` : c.state) + (c.held ? ', held for review' : ''),
            when(c.state === 'sold' ? c.soldAt : c.state === 'exported' ? c.exportedAt : null)
          ])
        ])
  )
}

/** Full ids or unambiguous prefixes (the list shows 8 characters). */
export function resolveCodeIds(s: Session, ids: string): string[] {
  const parts = ids.split(',').map((x) => x.trim()).filter(Boolean)
  if (parts.length === 0) throw new UsageError('--ids takes code ids separated by commas.')
  return parts.map((p) => {
    if (s.storage.codes.get(p)) return p
    const matches = s.storage.codes.idsByPrefix(p, 2)
    if (matches.length === 1) return matches[0]!
    throw new UsageError(matches.length ? `“${p}” matches several codes; give more of the id.` : `No code “${p}”.`)
  })
}

export function runCodesMark(s: Session, out: Output, target: { codeIds: string[] } | { filter: CodeFilter }, to: 'sold' | 'void', reason: string | undefined): number {
  if ('filter' in target && Object.keys(target.filter).length === 0) {
    throw new UsageError('Choose the codes: --ids ID,ID or at least one filter (--account, --product, --order, --status, --from, --until).')
  }
  if (to === 'void' && !reason) throw new UsageError('Voiding needs --reason TEXT (it is kept with the codes and in the audit log).')
  const r = s.codes.mark({ ...target, to, ...(reason ? { reason } : {}) })
  out.result(r, () => `Marked ${r.changed} of ${r.matched} matching code(s) ${to}${r.changed < r.matched ? ` (${r.matched - r.changed} already ${to} or not eligible)` : ''}.`)
  return r.matched === 0 ? 1 : 0
}

function forecastLine(h: BalanceHistoryView): string {
  const f = h.forecast
  if (!f.spendPerDay) return '  Forecast: no history yet.'
  const per = `${format(f.spendPerDay)} a day ${f.basedOnDays < 1 ? 'from less than a day of history' : `over the last ${f.basedOnDays} day(s)`}`
  return f.daysLeft === null ? `  Spending ${per}: nothing spent, no run-out in sight.` : `  Spending ${per}: runs out in about ${f.daysLeft} day(s).`
}

export function runBalanceHistory(s: Session, out: Output, accountIds: string[], days: number): void {
  const views = accountIds.map((id) => s.balances.history(id, days))
  out.result(views, () =>
    views
      .map((h) => {
        // One line per day (the day's last reading) keeps a month readable in a terminal.
        const byDay = new Map<string, (typeof h.points)[number]>()
        for (const p of h.points) byDay.set(new Date(p.at).toLocaleDateString('en-CA'), p)
        const lines = [...byDay.entries()].map(([day, p]) => `  ${day}  ${money(p.available).padStart(18)}`)
        return [
          `${h.accountName} — last ${days} day(s), ${h.points.length} reading(s)${h.threshold ? `, warning below ${format(h.threshold)}` : ''}`,
          ...(lines.length ? lines : ['  (no readings)']),
          forecastLine(h)
        ].join('\n')
      })
      .join('\n\n')
  )
}

export function runMarkupList(s: Session, out: Output, accountId: string | undefined): void {
  const rules = s.markup.list(accountId)
  out.result(rules, () =>
    table([
      ['ID', 'ACCOUNT', 'CATEGORY', 'MARKUP', 'ROUNDING'],
      ...rules.map((r) => [
        r.id.slice(0, 8),
        r.accountName,
        r.category ?? '(all)',
        r.kind === 'percent' ? `+${r.value} %` : `+${r.value} ${r.currency}`,
        r.rounding ? `${r.rounding.mode} to ${r.rounding.step}` : '—'
      ])
    ])
  )
}

export function runMarkupSet(
  s: Session,
  out: Output,
  o: { accountId: string; category?: string; percent?: string; fixed?: string; roundStep?: string; round?: MarkupRounding['mode'] }
): void {
  if ((o.percent === undefined) === (o.fixed === undefined)) throw new UsageError('Give exactly one of --percent P or --fixed AMOUNT.')
  const value = (o.percent ?? o.fixed)!
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`The markup must be an amount such as 15 or 0.50 (got “${value}”).`)
  if (o.roundStep !== undefined && !/^\d+(\.\d+)?$/.test(o.roundStep)) throw new UsageError(`--round-step must be an amount such as 0.05, 1 or 10 (got “${o.roundStep}”).`)
  const r = s.markup.set({
    accountId: o.accountId,
    category: o.category ?? null,
    kind: o.percent !== undefined ? 'percent' : 'fixed',
    value,
    rounding: o.roundStep !== undefined ? { step: o.roundStep, mode: o.round ?? 'up' } : null
  })
  out.result(r, () => `Markup for ${r.accountName}${r.category ? ` / ${r.category}` : ''}: ${r.kind === 'percent' ? `+${r.value} %` : `+${r.value} ${r.currency}`}${r.rounding ? `, ${r.rounding.mode} to ${r.rounding.step}` : ''}.`)
}

export function runMarkupRemove(s: Session, out: Output, idOrPrefix: string): number {
  const matches = s.markup.list().filter((r) => r.id === idOrPrefix || r.id.startsWith(idOrPrefix))
  if (matches.length !== 1) throw new UsageError(matches.length ? `“${idOrPrefix}” matches several rules; give more of the id.` : `No markup rule “${idOrPrefix}”.`)
  const removed = s.markup.remove(matches[0]!.id)
  out.result({ removed }, () => (removed ? 'Removed.' : 'Nothing removed.'))
  return removed ? 0 : 1
}

export function runWatches(s: Session, out: Output, accountId: string | undefined): void {
  const list = s.watches.list(accountId)
  out.result(list, () =>
    table([
      ['ACCOUNT', 'PRODUCT ID', 'VARIANT', 'TITLE', 'PRICE', 'STOCK', 'LAST CHANGE'],
      ...list.map((w) => [
        w.accountName,
        w.productId,
        w.variantId ?? '',
        w.variantName ? `${w.title} — ${w.variantName}` : w.title,
        w.current ? money(w.current.price) : 'gone',
        w.current ? (w.current.inStock ? String(w.current.stock ?? 'yes') : 'out') : '',
        when(w.lastChangedAt)
      ])
    ])
  )
}

/** --from default: 30 days ago; no --to: up to now, reading balances first unless --no-refresh. */
export async function runReconcile(s: Session, out: Output, o: { accountId?: string; from?: string; to?: string; refresh: boolean }): Promise<number> {
  const from = checkDate('--from', o.from)
  const to = checkDate('--to', o.to)
  const report: ReconcileReport = await s.reconcile.run({
    from: from ? periodStart(from) : daysBefore(new Date(), 30),
    to: to ? periodEnd(to) : undefined,
    accountId: o.accountId,
    refresh: o.refresh && to === undefined
  })
  out.result(report, () => {
    const rows = report.accounts.map((a) => [
      a.accountName,
      a.status.replaceAll('_', ' ').toUpperCase(),
      money(a.journalSpent),
      money(a.journalRefunded),
      money(a.upstreamChange),
      money(a.expectedChange),
      money(a.difference) + (a.exact ? ' (exact)' : '')
    ])
    const notes = report.accounts.flatMap((a) => [
      ...(a.sales ? [`${a.accountName}: ${a.sales.sales} sale(s) in the statement, ${a.sales.codesSold} code(s) marked sold — ${a.sales.status}`] : []),
      ...a.notes.map((n) => `${a.accountName}: ${n}`)
    ])
    return [
      `Reconciliation ${when(report.from)} → ${when(report.to)}`,
      table([['ACCOUNT', 'STATUS', 'SPENT', 'REFUNDED', 'BALANCE CHANGE', 'EXPECTED', 'DIFFERENCE'], ...rows]),
      ...(notes.length ? ['', ...notes.map((n) => `  · ${n}`)] : []),
      '',
      report.mismatches.length ? ['MISMATCHES:', ...report.mismatches.map((m) => `  ✗ ${m.message}`)].join('\n') : 'No mismatches.'
    ].join('\n')
  })
  return report.mismatches.length ? 1 : 0
}

/** Prints the core's notices (low balance, watched product changes) while a command runs. */
export function relayNotices(s: Session, out: Output): () => void {
  return s.opts.events.on((e) => {
    if (e.type === 'notice') out.info(`${e.level === 'info' ? '•' : '!'} ${e.message}`)
  })
}
