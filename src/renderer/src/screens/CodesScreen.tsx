import { useEffect, useRef } from 'react'
import { CODE_STATES, type CodeState } from '../../../shared/domain'
import { Button } from '../components/Button'
import { CodeReveal } from '../components/CodeReveal'
import { Checkbox, SelectField } from '../components/Field'
import { CodeStatePill, Pill } from '../components/StatePill'
import { ScreenHeader } from '../components/ScreenHeader'
import { shortId } from '../format/labels'
import { formatTime, formatTimeFull } from '../format/time'
import { t } from '../i18n'
import { useAccounts } from '../store/accounts'
import { CODES_LIMIT, useCodes } from '../store/codes'
import { useNav } from '../store/nav'
import { useOrders } from '../store/orders'

export function CodesScreen() {
  const s = useCodes()
  const accounts = useAccounts((a) => a.list)
  const allRef = useRef<HTMLInputElement>(null)
  const selectedShown = s.list.filter((c) => s.selected.has(c.id)).length
  const allSelected = s.list.length > 0 && selectedShown === s.list.length

  useEffect(() => {
    void useCodes.getState().load()
  }, [])

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !allSelected
  }, [selectedShown, allSelected])

  const nothingToExport = s.list.length === 0 && s.selected.size === 0

  return (
    <div className="screen" data-testid="screen-codes">
      <ScreenHeader title={t.codes.title}>
        <Button onClick={() => void s.load()} testId="codes-refresh">
          {t.common.refresh}
        </Button>
      </ScreenHeader>

      <div className="toolbar">
        {s.scope ? (
          <div className="filter-chip" data-testid="codes-order-filter" data-scope={s.scope.kind}>
            <span>{s.scope.kind === 'batch' ? t.codes.batchFilter : t.codes.orderFilter(shortId(s.scope.orderId))}</span>
            <Button size="sm" variant="ghost" onClick={s.clearScope} testId="codes-clear-order-filter">
              {t.codes.clearBatchFilter}
            </Button>
          </div>
        ) : (
          <SelectField
            label={t.codes.account}
            value={s.accountId}
            onValue={s.setAccount}
            options={[{ value: '', label: t.codes.allAccounts }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
            testId="codes-account-filter"
          />
        )}
        <SelectField
          label={t.codes.state}
          value={s.state}
          onValue={(v) => s.setState(v as CodeState | '')}
          options={[{ value: '', label: t.codes.anyState }, ...CODE_STATES.map((c) => ({ value: c, label: t.codeStates[c] }))]}
          testId="codes-state-filter"
        />
      </div>

      <section className="export-bar" aria-label={t.codes.export} data-testid="export-bar">
        <span className="strong" data-testid="codes-selected-count" data-count={s.selected.size}>
          {t.codes.selected(s.selected.size)}
        </span>
        <span className="muted small">{s.selected.size > 0 ? t.codes.exportScopeSelected(s.selected.size) : t.codes.exportScopeFilter}</span>
        <span className="spacer" />
        <Checkbox label={t.codes.markExported} checked={s.markExported} onChecked={s.setMarkExported} testId="export-mark-exported" />
        <Checkbox label={t.codes.bom} checked={s.bom} onChecked={s.setBom} testId="export-bom" />
        <Button variant="primary" onClick={() => void s.exportCsv()} busy={s.exporting} busyLabel={t.codes.exporting} disabled={nothingToExport} testId="export-csv">
          {t.codes.export}
        </Button>
      </section>
      <div role="status" aria-live="polite">
        {s.exportResult && (
          <span className="alert alert-ok" data-testid="export-result" data-count={s.exportResult.count} data-path={s.exportResult.path}>
            {t.codes.exported(s.exportResult.count, s.exportResult.path)}
          </span>
        )}
      </div>

      {s.status === 'failed' && s.error && (
        <div className="alert alert-error" role="alert">
          {s.error} <Button size="sm" onClick={() => void s.load()}>{t.common.retry}</Button>
        </div>
      )}
      {s.status === 'ready' && s.list.length === 0 && (
        <p className="empty" data-testid="codes-empty">
          {t.codes.empty}
        </p>
      )}
      {s.list.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="codes-table">
            <thead>
              <tr>
                <th scope="col" className="check-col">
                  <input
                    ref={allRef}
                    type="checkbox"
                    checked={allSelected}
                    onChange={s.toggleAll}
                    aria-label={t.codes.selectAll}
                    data-testid="codes-select-all"
                  />
                </th>
                <th scope="col">{t.codes.colProduct}</th>
                <th scope="col">{t.codes.colAccount}</th>
                <th scope="col">{t.codes.colOrder}</th>
                <th scope="col">{t.codes.colCode}</th>
                <th scope="col">{t.codes.colState}</th>
                <th scope="col">{t.codes.colDate}</th>
              </tr>
            </thead>
            <tbody>
              {s.list.map((c) => (
                <tr key={c.id} data-testid="code-row" data-code-id={c.id} data-state={c.state} className={s.selected.has(c.id) ? 'row-selected' : undefined}>
                  <td className="check-col">
                    <input
                      type="checkbox"
                      checked={s.selected.has(c.id)}
                      onChange={() => s.toggle(c.id)}
                      aria-label={t.codes.selectCode(c.masked)}
                      data-testid="code-select"
                    />
                  </td>
                  <td className="strong">{c.title}</td>
                  <td>{c.accountName}</td>
                  <td>
                    <button
                      type="button"
                      className="link mono"
                      title={c.orderId}
                      aria-label={t.codes.openOrder(c.orderId)}
                      onClick={() => {
                        useNav.getState().go('orders')
                        useOrders.getState().select(c.orderId)
                      }}
                    >
                      {shortId(c.orderId)}
                    </button>
                  </td>
                  <td>
                    <CodeReveal codeId={c.id} masked={c.masked} />
                    {c.duplicateOf && (
                      <>
                        {' '}
                        <Pill tone="attention" title={t.codes.duplicateTitle} testId="code-duplicate">
                          {t.codes.duplicate}
                        </Pill>
                      </>
                    )}
                  </td>
                  <td>
                    <CodeStatePill state={c.state} />
                  </td>
                  <td className="nowrap" title={formatTimeFull(c.createdAt)}>
                    {formatTime(c.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.list.length >= CODES_LIMIT && <p className="table-foot muted">{t.codes.truncated(CODES_LIMIT)}</p>}
    </div>
  )
}
