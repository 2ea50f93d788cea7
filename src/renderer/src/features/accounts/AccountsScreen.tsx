// The supplier accounts and the storefront: each with its balance, warning level and what its upstream can do; test,
// edit and remove; and the form to add one. App settings and backups are under Settings.
import { Fragment, useState } from 'react'
import type { AccountView } from '../../../../shared/contract'
import { formatAmount } from '../../format/money'
import { t } from '../../i18n'
import { balanceOf, useBalances } from '../../state/balances'
import { useLoadedList } from '../../state/list-store'
import { Button } from '../../ui/Button'
import { DataTable, type Column } from '../../ui/DataTable'
import { ConfirmDialog } from '../../ui/Dialog'
import { Money } from '../../ui/Money'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Pill } from '../../ui/StatePill'
import { AddAccountForm } from './AddAccountForm'
import { EditAccountDialog } from './EditAccountDialog'
import { useAccounts, type TestResult } from './store'

export function AccountsScreen() {
  const list = useAccounts((s) => s.list)
  const loading = useLoadedList(useAccounts)
  const refreshing = useBalances((s) => s.refreshing)
  const refreshBalances = useBalances((s) => s.refresh)
  const [removing, setRemoving] = useState<AccountView | null>(null)
  const [editing, setEditing] = useState<AccountView | null>(null)
  const remove = useAccounts((s) => s.remove)
  const removingId = useAccounts((s) => s.removing)
  const columns: Column[] = [
    { label: t.accounts.colKind },
    { label: t.accounts.colName },
    { label: t.accounts.colBaseUrl },
    { label: t.accounts.colBalance, kind: 'num' },
    { label: t.accounts.colThreshold, kind: 'num' },
    { label: t.accounts.colCapabilities },
    { label: t.accounts.colActions, kind: 'actions-shown' }
  ]

  return (
    <div className="screen" data-testid="screen-accounts">
      <ScreenHeader title={t.accounts.title}>
        <Button onClick={() => void refreshBalances()} busy={refreshing} busyLabel={t.common.working} testId="accounts-refresh-balances">
          {t.accounts.refreshBalances}
        </Button>
      </ScreenHeader>
      <p className="screen-intro muted">{t.accounts.intro}</p>

      <DataTable {...loading} isEmpty={list.length === 0} emptyText={t.accounts.empty} emptyTestId="accounts-empty" columns={columns} testId="accounts-table">
        {list.map((a) => (
          <AccountRow key={a.id} account={a} onEdit={() => setEditing(a)} onRemove={() => setRemoving(a)} />
        ))}
      </DataTable>

      <AddAccountForm />

      {editing && <EditAccountDialog account={editing} onClose={() => setEditing(null)} />}

      {removing && (
        <ConfirmDialog
          title={t.accounts.removeTitle(removing.name)}
          message={t.accounts.removeText}
          confirmLabel={t.accounts.remove}
          danger
          busy={removingId === removing.id}
          testId="remove-account-dialog"
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing).finally(() => setRemoving(null))}
        />
      )}
    </div>
  )
}

function AccountRow({ account, onEdit, onRemove }: { account: AccountView; onEdit(): void; onRemove(): void }) {
  const balance = useBalances((s) => balanceOf(s.list, account.id))
  const testResult = useAccounts((s) => s.tests[account.id])
  const test = useAccounts((s) => s.test)
  const threshold = account.settings.lowBalanceThreshold
  return (
    <Fragment>
      <tr data-testid="account-row" data-account-id={account.id} data-account-name={account.name} data-kind={account.kind}>
        <td>{t.providers[account.kind]}</td>
        <td>
          <span className="strong">{account.name}</span> {account.demo && <Pill tone="info">{t.accounts.demoTag}</Pill>}
          {account.sharedKey && (
            <Pill tone="warn" title={t.accounts.sharedKeyTitle(account.sharedKey.foreignOrders)} testId="account-shared-key">
              {t.accounts.sharedKeyTag}
            </Pill>
          )}
        </td>
        <td className="mono truncate" title={account.baseUrl}>
          {account.baseUrl}
        </td>
        <td className="num" data-testid="account-balance">
          <Money value={balance?.available} /> {balance?.low && <Pill tone="warn">{t.topbar.low}</Pill>}
        </td>
        <td className="num" data-testid="account-threshold-value">
          {threshold ? `${formatAmount(threshold)} ${account.currency}` : t.common.none}
        </td>
        <td>
          <Capabilities account={account} />
        </td>
        <td className="actions-col">
          <div className="row-actions">
            <Button size="sm" onClick={() => void test(account.id)} busy={testResult?.state === 'running'} busyLabel={t.accounts.testing} testId="account-test">
              {t.accounts.test}
            </Button>
            <Button size="sm" variant="ghost" onClick={onEdit} aria-label={t.accounts.editLabel(account.name)} testId="account-edit">
              {t.common.edit}
            </Button>
            <Button size="sm" variant="ghost" onClick={onRemove} testId="account-remove">
              {t.accounts.remove}
            </Button>
          </div>
        </td>
      </tr>
      {testResult?.state === 'done' && <TestResultRow accountId={account.id} result={testResult} />}
    </Fragment>
  )
}

/** What the account's upstream supports, so nobody looks for a Cancel or a Buy that cannot work. */
function Capabilities({ account }: { account: AccountView }) {
  const c = account.capabilities
  return (
    <span
      className="capabilities"
      data-testid="account-capabilities"
      data-supplier={c.supplier}
      data-cancel={c.cancel}
      data-ledger={c.ledger}
      data-partial={c.partialFulfilment}
      data-max={c.maxQuantityPerOrder}
    >
      {c.supplier ? (
        <Pill tone="info" title={t.accounts.capSupplierTitle}>
          {t.accounts.capSupplier}
        </Pill>
      ) : (
        <Pill tone="neutral" title={t.accounts.capStorefrontTitle}>
          {t.accounts.capStorefront}
        </Pill>
      )}
      {c.supplier && (
        <Pill tone="neutral" title={t.accounts.capMaxTitle}>
          {t.accounts.capMax(c.maxQuantityPerOrder)}
        </Pill>
      )}
      {c.cancel && (
        <Pill tone="neutral" title={t.accounts.capCancelTitle}>
          {t.accounts.capCancel}
        </Pill>
      )}
      {c.partialFulfilment && (
        <Pill tone="neutral" title={t.accounts.capPartialTitle}>
          {t.accounts.capPartial}
        </Pill>
      )}
      {c.ledger && (
        <Pill tone="neutral" title={t.accounts.capLedgerTitle}>
          {t.accounts.capLedger}
        </Pill>
      )}
    </span>
  )
}

function TestResultRow({ accountId, result }: { accountId: string; result: Extract<TestResult, { state: 'done' }> }) {
  return (
    <tr className="subrow">
      <td colSpan={7}>
        <div className={`test-result ${result.ok ? 'test-ok' : 'test-bad'}`} role="status" data-testid="account-test-result" data-account-id={accountId} data-ok={result.ok}>
          <Pill tone={result.ok ? 'ok' : 'bad'}>{result.ok ? t.accounts.testOk : t.accounts.testFailed}</Pill>
          <span>{result.message}</span>
          {result.balance && (
            <span className="muted">
              {t.accounts.testBalance} <Money value={result.balance} testId="account-test-balance" />
            </span>
          )}
        </div>
      </td>
    </tr>
  )
}
