// Reconcile: per account over a period, what our orders spent and got refunded against what the balance did.
// Mismatches come first and are never hidden; every account's notes say what could and could not be explained.
import { Fragment, type FormEvent } from 'react'
import type { AccountReconciliation, Money as MoneyT, ReconcileReport } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { Checkbox, TextField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { formatSigned, signOf } from '../../format/money'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { AccountFilter } from '../accounts'
import { useReconcile } from './store'

const STATUS_TONE = { ok: 'ok', mismatch: 'bad', not_enough_data: 'neutral' } as const
const COLUMNS = 8

export function ReconcileScreen() {
  const s = useReconcile()

  function submit(e: FormEvent) {
    e.preventDefault()
    void s.run()
  }

  return (
    <div className="screen" data-testid="screen-reconcile">
      <ScreenHeader title={t.reconcile.title} />
      <p className="screen-intro muted">{t.reconcile.intro}</p>

      <form className="toolbar" onSubmit={submit} noValidate data-testid="reconcile-form">
        <TextField label={t.reconcile.from} type="date" value={s.from} onValue={s.setFrom} max={s.to || undefined} error={s.fieldErrors['from']} testId="reconcile-from" fieldClassName="date-field" />
        <TextField label={t.reconcile.to} type="date" value={s.to} onValue={s.setTo} min={s.from || undefined} error={s.fieldErrors['to']} testId="reconcile-to" fieldClassName="date-field" />
        <AccountFilter label={t.reconcile.account} anyLabel={t.reconcile.allAccounts} value={s.accountId} onValue={s.setAccount} testId="reconcile-account" />
        <div className="toolbar-check">
          <Checkbox label={t.reconcile.refresh} checked={s.refresh} onChecked={s.setRefresh} title={t.reconcile.refreshHint} testId="reconcile-refresh" />
        </div>
        <Button type="submit" variant="primary" busy={s.running} busyLabel={t.reconcile.running} testId="reconcile-run">
          {t.reconcile.run}
        </Button>
      </form>

      {s.error && Object.keys(s.fieldErrors).length === 0 && (
        <div className="alert alert-error" role="alert" data-testid="reconcile-error">
          {s.error}
        </div>
      )}
      {!s.report && !s.running && !s.error && <p className="empty">{t.reconcile.notRun}</p>}
      {s.report && <Report report={s.report} />}
    </div>
  )
}

function Report({ report }: { report: ReconcileReport }) {
  const storefronts = report.accounts.filter((a) => a.sales !== null)
  return (
    <div className="report" data-testid="reconcile-report" data-mismatches={report.mismatches.length}>
      <p className="muted small" data-testid="reconcile-period">
        {t.reconcile.period(formatTimeFull(report.from), formatTimeFull(report.to))}
      </p>
      {report.mismatches.length > 0 ? (
        <section className="mismatches" role="alert" aria-labelledby="mismatches-title" data-testid="reconcile-mismatches">
          <h2 id="mismatches-title" className="subhead">
            {t.reconcile.mismatchesTitle(report.mismatches.length)}
          </h2>
          <ul>
            {report.mismatches.map((m, i) => (
              <li key={`${m.accountId}-${m.kind}-${i}`} data-testid="reconcile-mismatch" data-account-id={m.accountId} data-kind={m.kind} data-difference={m.difference?.amount ?? ''}>
                <span>{m.message}</span>
                {m.difference && <SignedMoney value={m.difference} testId="reconcile-mismatch-difference" />}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="alert alert-ok" role="status" data-testid="reconcile-all-ok">
          {t.reconcile.noMismatch}
        </p>
      )}

      <div className="table-wrap">
        <table className="table" data-testid="reconcile-table">
          <thead>
            <tr>
              <th scope="col">{t.reconcile.colAccount}</th>
              <th scope="col">{t.reconcile.colStatus}</th>
              <th scope="col" className="num">{t.reconcile.colSpent}</th>
              <th scope="col" className="num">{t.reconcile.colRefunded}</th>
              <th scope="col" className="num">{t.reconcile.colNet}</th>
              <th scope="col" className="num">{t.reconcile.colUpstream}</th>
              <th scope="col" className="num">{t.reconcile.colExpected}</th>
              <th scope="col" className="num">{t.reconcile.colDifference}</th>
            </tr>
          </thead>
          <tbody>
            {/* Mismatches first, so none is ever below the fold. */}
            {[...report.accounts].sort(byAttention).map((a) => (
              <AccountRows key={a.accountId} r={a} />
            ))}
          </tbody>
        </table>
      </div>

      {storefronts.length > 0 && (
        <section aria-labelledby="sales-title">
          <h2 id="sales-title" className="subhead">
            {t.reconcile.salesTitle}
          </h2>
          <div className="table-wrap">
            <table className="table" data-testid="reconcile-sales-table">
              <thead>
                <tr>
                  <th scope="col">{t.reconcile.colAccount}</th>
                  <th scope="col">{t.reconcile.colStatus}</th>
                  <th scope="col" className="num">{t.reconcile.colSales}</th>
                  <th scope="col" className="num">{t.reconcile.colSalesAmount}</th>
                  <th scope="col" className="num">{t.reconcile.colRefunds}</th>
                  <th scope="col" className="num">{t.reconcile.colCodesSold}</th>
                  <th scope="col" className="num">{t.reconcile.colDifference}</th>
                </tr>
              </thead>
              <tbody>
                {storefronts.map((a) =>
                  a.sales ? (
                    <tr key={a.accountId} data-testid="reconcile-sales" data-account-id={a.accountId} data-status={a.sales.status} className={a.sales.status === 'mismatch' ? 'row-bad' : undefined}>
                      <td className="strong">{a.accountName}</td>
                      <td>
                        <Pill tone={a.sales.status === 'ok' ? 'ok' : 'bad'}>{t.reconcile.salesStatus[a.sales.status]}</Pill>
                      </td>
                      <td className="num">{a.sales.sales}</td>
                      <td className="num">
                        <Money value={a.sales.salesAmount} />
                      </td>
                      <td className="num">{a.sales.refunds}</td>
                      <td className="num">{a.sales.codesSold}</td>
                      <td className="num" data-testid="reconcile-sales-difference">
                        {a.sales.difference > 0 ? `+${a.sales.difference}` : a.sales.difference}
                      </td>
                    </tr>
                  ) : null
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  )
}

function byAttention(a: AccountReconciliation, b: AccountReconciliation): number {
  const rank = (r: AccountReconciliation) => (r.status === 'mismatch' || r.sales?.status === 'mismatch' ? 0 : r.status === 'not_enough_data' ? 1 : 2)
  return rank(a) - rank(b) || a.accountName.localeCompare(b.accountName)
}

function AccountRows({ r }: { r: AccountReconciliation }) {
  return (
    <Fragment>
      <tr
        data-testid="reconcile-row"
        data-account-id={r.accountId}
        data-account-name={r.accountName}
        data-status={r.status}
        data-difference={r.difference?.amount ?? ''}
        className={r.status === 'mismatch' ? 'row-bad' : undefined}
      >
        <th scope="row" className="strong">
          {r.accountName}
          <div className="muted small normal">
            {r.readings ? (
              <span title={`${formatTimeFull(r.readings.from)} → ${formatTimeFull(r.readings.to)}`}>{t.reconcile.readings(formatTime(r.readings.from), formatTime(r.readings.to))}</span>
            ) : (
              t.reconcile.noReadings
            )}
          </div>
        </th>
        <td>
          <span className="state-cell">
            <Pill tone={STATUS_TONE[r.status]} testId="reconcile-status">
              {t.reconcile.status[r.status]}
            </Pill>
            {r.exact && (
              <Pill tone="neutral" title={t.reconcile.exactTitle}>
                {t.reconcile.exact}
              </Pill>
            )}
            {r.sales?.status === 'mismatch' && (
              <Pill tone="bad" testId="reconcile-sales-status">
                {t.reconcile.salesMismatch}
              </Pill>
            )}
          </span>
        </td>
        <td className="num">
          <Money value={r.journalSpent} testId="reconcile-spent" />
        </td>
        <td className="num">
          <Money value={r.journalRefunded} testId="reconcile-refunded" />
        </td>
        <td className="num">
          <Money value={r.journalNet} testId="reconcile-net" />
        </td>
        <td className="num">{r.upstreamChange ? <SignedMoney value={r.upstreamChange} testId="reconcile-upstream" /> : t.common.none}</td>
        <td className="num">{r.expectedChange ? <SignedMoney value={r.expectedChange} /> : t.common.none}</td>
        <td className="num strong">{r.difference ? <SignedMoney value={r.difference} testId="reconcile-difference" /> : t.common.none}</td>
      </tr>
      {r.notes.length > 0 && (
        <tr className="subrow" data-testid="reconcile-notes" data-account-id={r.accountId}>
          <td colSpan={COLUMNS}>
            <ul className="notes">
              {r.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </Fragment>
  )
}

/** Money in and out with its sign, coloured: "-3.15 USDT". */
function SignedMoney({ value, testId }: { value: MoneyT; testId?: string }) {
  const sign = signOf(value.amount)
  return (
    <span className={`money ${sign < 0 ? 'text-bad' : sign > 0 ? 'text-ok' : ''}`} data-testid={testId} data-amount={value.amount} data-currency={value.currency}>
      <span className="money-amount">{formatSigned(value.amount)}</span> <span className="money-currency">{value.currency}</span>
    </span>
  )
}
