// The ledger: each account's own statement (imported by Sync) next to the purchases and refunds of our orders,
// newest first, with money in and out signed and coloured.
import type { LedgerRowView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { DataTable, type Column } from '../../ui/DataTable'
import { Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { formatSigned, signOf } from '../../format/money'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useLoadedList } from '../../state/list-store'
import { AccountFilter, useAccounts } from '../accounts'
import { LEDGER_LIMIT, useLedger } from './store'

const KIND_TONE: Record<LedgerRowView['kind'], 'ok' | 'bad' | 'neutral' | 'info' | 'warn'> = {
  sale: 'ok',
  refund: 'info',
  withdrawal: 'warn',
  deposit: 'ok',
  fee: 'bad',
  purchase: 'neutral',
  other: 'neutral'
}

export function LedgerScreen() {
  const accountId = useLedger((s) => s.accountId)
  const setAccount = useLedger((s) => s.setAccount)
  const rows = useLedger((s) => s.rows)
  const syncing = useLedger((s) => s.syncing)
  const syncResult = useLedger((s) => s.syncResult)
  const sync = useLedger((s) => s.sync)
  const accounts = useAccounts((s) => s.list)
  const accountsReady = useAccounts((s) => s.status === 'ready')
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? id
  const withStatement = accounts.some((a) => a.capabilities.ledger)
  const loading = useLoadedList(useLedger)
  const columns: Column[] = [
    { label: t.ledger.colDate },
    { label: t.ledger.colAccount },
    { label: t.ledger.colSource },
    { label: t.ledger.colKind },
    { label: t.ledger.colDescription },
    { label: t.ledger.colReference },
    { label: t.ledger.colAmount, kind: 'num' }
  ]

  return (
    <div className="screen" data-testid="screen-ledger">
      <ScreenHeader title={t.ledger.title}>
        <Button variant="secondary" onClick={() => void sync()} busy={syncing} busyLabel={t.ledger.syncing} testId="ledger-sync">
          {t.ledger.sync}
        </Button>
      </ScreenHeader>
      <p className="screen-intro muted">{t.ledger.intro}</p>

      <div className="toolbar">
        <AccountFilter label={t.ledger.account} anyLabel={t.ledger.allAccounts} value={accountId} onValue={setAccount} testId="ledger-account-filter" />
      </div>

      <div role="status" aria-live="polite" className="status-line" data-testid="ledger-sync-result">
        {syncResult && (
          <>
            <span data-added={syncResult.added}>{t.ledger.synced(syncResult.added)}</span>
            {syncResult.failed.map((f) => (
              <span key={f.accountId} className="text-bad">
                {t.ledger.syncFailed(accountName(f.accountId), f.message)}
              </span>
            ))}
          </>
        )}
        {accountsReady && accounts.length > 0 && !withStatement && <span className="muted">{t.ledger.noStatements}</span>}
      </div>

      <DataTable {...loading} isEmpty={rows.length === 0} emptyText={t.ledger.empty} emptyTestId="ledger-empty" columns={columns} testId="ledger-table">
          {rows.map((r, i) => {
            const sign = signOf(r.amount.amount)
            return (
              <tr
                key={`${r.source}|${r.accountId}|${r.reference ?? ''}|${r.kind}|${r.at}|${i}`}
                data-testid="ledger-row"
                data-source={r.source}
                data-kind={r.kind}
                data-account-id={r.accountId}
                data-amount={r.amount.amount}
                data-currency={r.amount.currency}
              >
                <td className="nowrap" title={formatTimeFull(r.at)}>
                  {formatTime(r.at)}
                </td>
                <td>{r.accountName}</td>
                <td className="muted">{r.source === 'upstream' ? t.ledger.sourceUpstream : t.ledger.sourceJournal}</td>
                <td>
                  <Pill tone={KIND_TONE[r.kind]}>{t.ledger.kinds[r.kind]}</Pill>
                </td>
                <td className="cell-truncate" title={r.description}>
                  {r.description}
                </td>
                <td className="mono muted truncate" title={r.reference ?? undefined}>
                  {r.reference ?? t.common.none}
                </td>
                <td className={`num money ${sign < 0 ? 'text-bad' : sign > 0 ? 'text-ok' : ''}`} data-testid="ledger-amount">
                  <span className="money-amount">{formatSigned(r.amount.amount)}</span> <span className="money-currency">{r.amount.currency}</span>
                </td>
              </tr>
            )
          })}
      </DataTable>
      {rows.length >= LEDGER_LIMIT && <p className="table-foot muted">{t.ledger.truncated(LEDGER_LIMIT)}</p>}
    </div>
  )
}
