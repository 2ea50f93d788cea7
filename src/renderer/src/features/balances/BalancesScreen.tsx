// Balances: one card per account — what is there now, the warning level, when it runs out at the recent rate, and
// the readings of the chosen period as a chart. Every amount is the core's decimal text; only the chart draws numbers.
import { useEffect } from 'react'
import type { AccountView, BalanceView } from '../../../../shared/contract'
import { BalanceChart } from './BalanceChart'
import { Button } from '../../ui/Button'
import { Money } from '../../ui/Money'
import { Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { formatAmount } from '../../format/money'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useAccounts } from '../accounts'
import { HISTORY_DAYS, useBalanceCharts, type AccountHistory } from './store'
import { balanceOf, useBalances } from '../../state/balances'
import { useNav } from '../../state/nav'

export function BalancesScreen() {
  const accounts = useAccounts((s) => s.list)
  const accountsReady = useAccounts((s) => s.status === 'ready')
  const balances = useBalances((s) => s.list)
  const days = useBalanceCharts((s) => s.days)
  const setDays = useBalanceCharts((s) => s.setDays)
  const histories = useBalanceCharts((s) => s.histories)
  const refreshing = useBalanceCharts((s) => s.refreshing)
  const refresh = useBalanceCharts((s) => s.refresh)
  const ids = accounts.map((a) => a.id)
  const idsKey = ids.join('|')

  useEffect(() => {
    void useBalanceCharts.getState().load(idsKey ? idsKey.split('|') : [])
  }, [idsKey])

  return (
    <div className="screen" data-testid="screen-balances">
      <ScreenHeader title={t.balances.title}>
        <fieldset className="segmented" data-testid="balances-days">
          <legend className="visually-hidden">{t.balances.days}</legend>
          {HISTORY_DAYS.map((n) => (
            <label key={n} className={`segmented-option${n === days ? ' segmented-on' : ''}`}>
              <input type="radio" name="balance-days" value={n} checked={n === days} onChange={() => setDays(n)} data-testid={`balances-days-${n}`} />
              <span>{t.balances.daysOption(n)}</span>
            </label>
          ))}
        </fieldset>
        <Button onClick={() => void refresh(ids)} busy={refreshing} busyLabel={t.common.working} testId="balances-screen-refresh">
          {t.balances.refresh}
        </Button>
      </ScreenHeader>
      <p className="screen-intro muted">{t.balances.intro}</p>

      {accountsReady && accounts.length === 0 && (
        <p className="empty" data-testid="balances-empty">
          {t.balances.empty}
        </p>
      )}
      <div className="card-grid">
        {accounts.map((a) => (
          <BalanceCard key={a.id} account={a} balance={balanceOf(balances, a.id)} history={histories[a.id]} days={days} />
        ))}
      </div>
    </div>
  )
}

function BalanceCard({ account, balance, history, days }: { account: AccountView; balance: BalanceView | undefined; history: AccountHistory | undefined; days: number }) {
  const low = balance?.low ?? false
  const view = history?.status === 'ready' ? history.view : null
  const threshold = view?.threshold ?? (account.settings.lowBalanceThreshold === null ? null : { amount: account.settings.lowBalanceThreshold, currency: account.currency })
  const forecast = view?.forecast ?? null
  const titleId = `balance-card-${account.id}`
  return (
    <article
      className={`panel balance-card${low ? ' balance-card-low' : ''}`}
      aria-labelledby={titleId}
      data-testid="balance-card"
      data-account-id={account.id}
      data-account-name={account.name}
      data-low={low}
    >
      <header className="balance-card-head">
        <div>
          <h2 id={titleId} className="panel-title">
            {account.name}
          </h2>
          <span className="muted small">{t.providers[account.kind]}</span>
        </div>
        {low && (
          <Pill tone="warn" testId="balance-card-low">
            {t.topbar.low}
          </Pill>
        )}
      </header>

      {balance ? (
        <p className="balance-now">
          <Money value={balance.available} testId="balance-card-amount" className="balance-big" />
          <span className="muted small" title={formatTimeFull(balance.at)}>
            {t.balances.asOf(formatTime(balance.at))}
          </span>
        </p>
      ) : (
        <p className="muted balance-now">{t.balances.noReading}</p>
      )}

      <dl className="dl balance-facts">
        <div className="dl-row">
          <dt>{t.balances.threshold}</dt>
          <dd data-testid="balance-card-threshold" data-amount={threshold?.amount ?? ''}>
            {threshold ? (
              `${formatAmount(threshold.amount)} ${threshold.currency}`
            ) : (
              <>
                {t.balances.noThreshold}{' '}
                <button type="button" className="link" onClick={() => useNav.getState().go('accounts')}>
                  {t.balances.setThreshold}
                </button>
              </>
            )}
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t.balances.spendPerDay}</dt>
          <dd data-testid="balance-card-spend">{forecast?.spendPerDay ? <Money value={forecast.spendPerDay} /> : t.common.none}</dd>
        </div>
        <div className="dl-row">
          <dt>{t.balances.runsOut}</dt>
          <dd data-testid="balance-card-runs-out" data-days-left={forecast?.daysLeft ?? ''}>
            {!forecast ? (
              t.common.none
            ) : forecast.daysLeft !== null ? (
              <span className={low || forecast.daysLeft < 7 ? 'text-attention' : undefined}>
                {t.balances.runsOutIn(forecast.daysLeft)} <span className="muted small">({t.balances.basedOn(forecast.basedOnDays)})</span>
              </span>
            ) : forecast.spendPerDay ? (
              t.balances.notSpending
            ) : (
              t.balances.noForecast
            )}
          </dd>
        </div>
      </dl>
      {forecast && (
        <details className="forecast-method">
          <summary>{t.balances.howWorkedOut}</summary>
          <p className="muted small" data-testid="balance-card-method">
            {forecast.method}
          </p>
        </details>
      )}

      {history?.status === 'failed' && (
        <p className="text-bad small" role="alert">
          {t.balances.historyFailed(history.error)}
        </p>
      )}
      {view && view.points.length === 0 && <p className="chart-empty muted">{t.balances.noPoints(days)}</p>}
      {view && view.points.length > 0 && (
        <BalanceChart points={view.points} threshold={view.threshold?.amount ?? null} label={t.balances.chartLabel(account.name, view.points.length, days)} testId="balance-chart" />
      )}
      {(!history || history.status === 'loading') && <div className="chart chart-loading" aria-busy="true" />}
    </article>
  )
}
