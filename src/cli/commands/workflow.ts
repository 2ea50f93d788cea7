// The daily workflow from the command line: the code inventory (list, mark sold/void), balance history with the
// run-out forecast, markup rules, watched products and reconciliation. Each goes through the door; index.ts
// declares the commands and their options.
import type { CodeState } from '../../shared/domain'
import type { BalanceHistoryView, CodeFilter, MarkupRounding, ReconcileReport } from '../../shared/contract'
import { formatMoney as format, type CommandDoor } from '../../core/app/command-door'
import { UsageError } from '../context'
import { money, type Output, table } from '../output'

const when = (iso: string | null): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')

/** The same dates the contract's DateText takes: a day (local time) or an ISO date-time. */
function checkDate(option: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim()) && !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00` : v))
  if (!ok) throw new UsageError(`${option} takes a date such as 2026-11-01 or 2026-11-01T14:30 (got “${v}”).`)
  return v
}

export interface CodeFilterOptions {
  account?: string
  product?: string
  order?: string
  status?: CodeState
  from?: string
  to?: string
}

export async function codeFilterFrom(d: CommandDoor, o: CodeFilterOptions, findOrder: (d: CommandDoor, id: string) => Promise<string>): Promise<CodeFilter> {
  const from = checkDate('--from', o.from)
  const to = checkDate('--to', o.to)
  return {
    ...(o.account ? { accountId: (await d.call('accounts.find', { name: o.account })).id } : {}),
    ...(o.product ? { productId: o.product } : {}),
    ...(o.order ? { orderId: await findOrder(d, o.order) } : {}),
    ...(o.status ? { state: o.status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {})
  }
}

export async function runCodesList(d: CommandDoor, out: Output, filter: CodeFilter, limit: number): Promise<void> {
  const list = await d.call('codes.list', { filter, limit })
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
export async function resolveCodeIds(d: CommandDoor, ids: string): Promise<string[]> {
  const parts = ids.split(',').map((x) => x.trim()).filter(Boolean)
  if (parts.length === 0) throw new UsageError('--ids takes code ids separated by commas.')
  try {
    return (await d.call('codes.find', { prefixes: parts })).ids
  } catch (e) {
    // A typo in an id is bad usage (exit 2), as it always was.
    if (e instanceof Error && 'code' in e && e.code === 'NOT_FOUND') throw new UsageError(e.message)
    throw e
  }
}

export async function runCodesMark(d: CommandDoor, out: Output, target: { codeIds: string[] } | { filter: CodeFilter }, to: 'sold' | 'void', reason: string | undefined): Promise<number> {
  if ('filter' in target && Object.keys(target.filter).length === 0) {
    throw new UsageError('Choose the codes: --ids ID,ID or at least one filter (--account, --product, --order, --status, --from, --until).')
  }
  if (to === 'void' && !reason) throw new UsageError('Voiding needs --reason TEXT (it is kept with the codes and in the audit log).')
  const r = await d.call('codes.mark', { ...target, to, ...(reason ? { reason } : {}) })
  out.result(r, () => `Marked ${r.changed} of ${r.matched} matching code(s) ${to}${r.changed < r.matched ? ` (${r.matched - r.changed} already ${to} or not eligible)` : ''}.`)
  return r.matched === 0 ? 1 : 0
}

function forecastLine(h: BalanceHistoryView): string {
  const f = h.forecast
  if (!f.spendPerDay) return '  Forecast: no history yet.'
  const per = `${format(f.spendPerDay)} a day ${f.basedOnDays < 1 ? 'from less than a day of history' : `over the last ${f.basedOnDays} day(s)`}`
  return f.daysLeft === null ? `  Spending ${per}: nothing spent, no run-out in sight.` : `  Spending ${per}: runs out in about ${f.daysLeft} day(s).`
}

export async function runBalanceHistory(d: CommandDoor, out: Output, accountIds: string[], days: number): Promise<void> {
  const views = await Promise.all(accountIds.map((accountId) => d.call('balances.history', { accountId, days })))
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

export async function runMarkupList(d: CommandDoor, out: Output, accountId: string | undefined): Promise<void> {
  const rules = await d.call('markup.list', { accountId })
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

export async function runMarkupSet(
  d: CommandDoor,
  out: Output,
  o: { accountId: string; category?: string; percent?: string; fixed?: string; roundStep?: string; round?: MarkupRounding['mode'] }
): Promise<void> {
  if ((o.percent === undefined) === (o.fixed === undefined)) throw new UsageError('Give exactly one of --percent P or --fixed AMOUNT.')
  const value = (o.percent ?? o.fixed)!
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`The markup must be an amount such as 15 or 0.50 (got “${value}”).`)
  if (o.roundStep !== undefined && !/^\d+(\.\d+)?$/.test(o.roundStep)) throw new UsageError(`--round-step must be an amount such as 0.05, 1 or 10 (got “${o.roundStep}”).`)
  const r = await d.call('markup.set', {
    accountId: o.accountId,
    category: o.category ?? null,
    kind: o.percent !== undefined ? 'percent' : 'fixed',
    value,
    rounding: o.roundStep !== undefined ? { step: o.roundStep, mode: o.round ?? 'up' } : null
  })
  out.result(r, () => `Markup for ${r.accountName}${r.category ? ` / ${r.category}` : ''}: ${r.kind === 'percent' ? `+${r.value} %` : `+${r.value} ${r.currency}`}${r.rounding ? `, ${r.rounding.mode} to ${r.rounding.step}` : ''}.`)
}

export async function runMarkupRemove(d: CommandDoor, out: Output, idOrPrefix: string): Promise<number> {
  const matches = (await d.call('markup.list', {})).filter((r) => r.id === idOrPrefix || r.id.startsWith(idOrPrefix))
  if (matches.length !== 1) throw new UsageError(matches.length ? `“${idOrPrefix}” matches several rules; give more of the id.` : `No markup rule “${idOrPrefix}”.`)
  const { removed } = await d.call('markup.remove', { ruleId: matches[0]!.id })
  out.result({ removed }, () => (removed ? 'Removed.' : 'Nothing removed.'))
  return removed ? 0 : 1
}

export async function runWatches(d: CommandDoor, out: Output, accountId: string | undefined): Promise<void> {
  const list = await d.call('catalog.watches', { accountId })
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
export async function runReconcile(d: CommandDoor, out: Output, o: { accountId?: string; from?: string; to?: string; refresh: boolean }): Promise<number> {
  const from = checkDate('--from', o.from)
  const to = checkDate('--to', o.to)
  // A date alone is the whole local day (the reconcile handler reads it so); no --from: 30 days ago.
  const report: ReconcileReport = await d.call('reconcile.run', {
    from: from ?? new Date(Date.now() - 30 * 86_400_000).toISOString(),
    ...(to ? { to } : {}),
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
export function relayNotices(d: CommandDoor, out: Output): () => void {
  return d.onEvent((e) => {
    if (e.type === 'notice') out.info(`${e.level === 'info' ? '•' : '!'} ${e.message}`)
  })
}
