// The code inventory: filters, the table of codes, bulk marking and CSV export.
import { useEffect, useState } from 'react'
import { CODE_STATES, EXPORT_COLUMNS, type CodeState } from '../../../../shared/domain'
import { Button } from '../../ui/Button'
import { LoadState } from '../../ui/LoadState'
import { Checkbox, SelectField, TextField } from '../../ui/Field'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { shortId } from '../../format/labels'
import { t } from '../../i18n'
import { AccountFilter } from '../accounts'
import { CODES_LIMIT, DEFAULT_STATE, useCodes, type MarkTo } from './store'
import { CodeTable } from './CodeTable'
import { MarkDialog } from './MarkDialog'

export function CodesScreen() {
  const s = useCodes()
  const [marking, setMarking] = useState<MarkTo | null>(null)

  useEffect(() => {
    void useCodes.getState().load()
  }, [])

  const nothingToExport = s.list.length === 0 && s.selected.size === 0
  // Anything other than the everyday view (every account, codes in stock): offer to go back to it.
  const filtered = Boolean(s.scope || s.accountId || s.productId || s.from || s.to || s.state !== DEFAULT_STATE)
  const productOptions = Object.entries(s.products)
    .sort(([, a], [, b]) => a.localeCompare(b))
    .map(([value, label]) => ({ value, label }))

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
          <AccountFilter label={t.codes.account} anyLabel={t.codes.allAccounts} value={s.accountId} onValue={s.setAccount} testId="codes-account-filter" />
        )}
        <SelectField
          label={t.codes.product}
          value={s.productId}
          onValue={s.setProduct}
          options={[{ value: '', label: t.codes.allProducts }, ...productOptions]}
          testId="codes-product-filter"
        />
        <SelectField
          label={t.codes.state}
          value={s.state}
          onValue={(v) => s.setState(v as CodeState | '')}
          options={[{ value: '', label: t.codes.anyState }, ...CODE_STATES.map((c) => ({ value: c, label: t.codeStates[c] }))]}
          testId="codes-state-filter"
        />
        <TextField label={t.codes.from} type="date" value={s.from} onValue={s.setFrom} max={s.to || undefined} testId="codes-from" fieldClassName="date-field" />
        <TextField label={t.codes.to} type="date" value={s.to} onValue={s.setTo} min={s.from || undefined} testId="codes-to" fieldClassName="date-field" />
        {filtered && (
          <Button variant="ghost" onClick={s.clearFilters} testId="codes-clear-filters">
            {t.codes.clearFilters}
          </Button>
        )}
      </div>

      <section className="export-bar" aria-label={t.codes.bulkLabel} data-testid="export-bar">
        <span className="strong" data-testid="codes-selected-count" data-count={s.selected.size}>
          {t.codes.selected(s.selected.size)}
        </span>
        <div className="bar-group" data-testid="bulk-bar">
          <Button size="sm" onClick={() => setMarking('sold')} disabled={s.selected.size === 0} testId="codes-mark-sold">
            {t.codes.markSold}
          </Button>
          <Button size="sm" variant="danger" onClick={() => setMarking('void')} disabled={s.selected.size === 0} testId="codes-void">
            {t.codes.void}
          </Button>
          {s.selected.size > 0 && (
            <Button size="sm" variant="ghost" onClick={s.clearSelection} testId="codes-clear-selection">
              {t.codes.clearSelection}
            </Button>
          )}
        </div>
        <span className="spacer" />
        <span className="muted small">{s.selected.size > 0 ? t.codes.exportScopeSelected(s.selected.size) : t.codes.exportScopeFilter}</span>
        <Checkbox label={t.codes.markExported} checked={s.markExported} onChecked={s.setMarkExported} testId="export-mark-exported" />
        <Checkbox label={t.codes.bom} checked={s.bom} onChecked={s.setBom} testId="export-bom" />
        <details className="export-columns" data-testid="export-columns">
          <summary>{t.codes.columns}</summary>
          <div className="export-columns-list">
            {EXPORT_COLUMNS.map((c) => (
              <Checkbox
                key={c}
                label={t.codes.columnNames[c]}
                checked={s.columns.includes(c)}
                onChecked={(on) => s.setColumn(c, on)}
                disabled={c === 'code'}
                testId={`export-column-${c}`}
              />
            ))}
          </div>
        </details>
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

      <LoadState
        status={s.status}
        error={s.error}
        onRetry={() => void s.load()}
        isEmpty={s.list.length === 0}
        emptyText={filtered && !s.scope ? t.codes.emptyFiltered : t.codes.empty}
        emptyTestId="codes-empty"
      >
        <CodeTable />
        <p className="table-foot muted">
          <span>{s.list.length >= CODES_LIMIT ? t.codes.truncated(CODES_LIMIT) : null}</span>
          <span>{t.codes.keyHint}</span>
        </p>
      </LoadState>
      {marking && <MarkDialog to={marking} onClose={() => setMarking(null)} />}
    </div>
  )
}
