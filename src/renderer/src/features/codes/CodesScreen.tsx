// The code inventory: filters, a virtualised table (thousands of rows stay fast), bulk marking and CSV export.
// The table is one Tab stop: ↑/↓ move between rows, Space selects, Shift extends, → reaches the row's buttons.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual'
import { CODE_STATES, EXPORT_COLUMNS, type CodeState } from '../../../../shared/domain'
import type { CodeView } from '../../../../shared/schemas'
import { toUiError } from '../../api'
import { Button } from '../../ui/Button'
import { LoadState } from '../../ui/LoadState'
import { CodeReveal } from './CodeReveal'
import { Dialog } from '../../ui/Dialog'
import { Checkbox, SelectField, TextField } from '../../ui/Field'
import { CodeStatePill, Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { shortId } from '../../format/labels'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useAccounts } from '../accounts'
import { CODES_LIMIT, DEFAULT_STATE, useCodes, type MarkTo } from './store'
import { openScreen } from '../../state/nav'

export function CodesScreen() {
  const s = useCodes()
  const accounts = useAccounts((a) => a.list)
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
          <SelectField
            label={t.codes.account}
            value={s.accountId}
            onValue={s.setAccount}
            options={[{ value: '', label: t.codes.allAccounts }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
            testId="codes-account-filter"
          />
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

/** Row height before it is measured (one line of text); the virtualiser measures each rendered row. */
const ROW_ESTIMATE = 37
/** The sticky header's height: rows start below it, and a row scrolled into view is not hidden under it. */
const HEADER_HEIGHT = 31
/** Lists this short are rendered whole (find in page works, nothing to window); longer ones are windowed. */
const FULL_RENDER_MAX = 150
const PAGE_ROWS = 10
const COLUMNS = 8

function CodeTable() {
  const list = useCodes((s) => s.list)
  const selected = useCodes((s) => s.selected)
  const toggleAll = useCodes((s) => s.toggleAll)
  const scrollRef = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  const allRef = useRef<HTMLInputElement>(null)
  const [active, setActive] = useState(0)
  const pendingFocus = useRef<number | null>(null)
  const selectedShown = list.filter((c) => selected.has(c.id)).length
  const allSelected = list.length > 0 && selectedShown === list.length
  const activeIndex = Math.max(0, Math.min(active, list.length - 1))

  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (i) => list[i]?.id ?? i,
    rangeExtractor: (range) => (range.count <= FULL_RENDER_MAX ? Array.from({ length: range.count }, (_, i) => i) : defaultRangeExtractor(range)),
    useFlushSync: false
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]
  const last = items[items.length - 1]
  const padTop = first ? first.start - HEADER_HEIGHT : 0
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0
  // The active row may be scrolled out of the DOM: then the first rendered row is the table's Tab stop.
  const tabbable = items.some((i) => i.index === activeIndex) ? activeIndex : (first?.index ?? 0)

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !allSelected
  }, [selectedShown, allSelected])

  // A row asked for by the keyboard is focused as soon as it is rendered (scrolling may render it a frame later).
  useLayoutEffect(() => {
    const want = pendingFocus.current
    if (want === null) return
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${want}"]`)
    if (row) {
      pendingFocus.current = null
      row.focus({ preventScroll: true })
    }
  })

  function focusRow(index: number) {
    const i = Math.max(0, Math.min(index, list.length - 1))
    setActive(i)
    virtualizer.scrollToIndex(i, { align: 'auto' })
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${i}"]`)
    if (row) row.focus({ preventScroll: true })
    else pendingFocus.current = i
  }

  function onRowKeyDown(e: KeyboardEvent<HTMLTableRowElement>, index: number, code: CodeView) {
    const store = useCodes.getState()
    const mod = e.ctrlKey || e.metaKey
    // Keys pressed on a button inside the row: left/right walk the buttons, up/down/Escape go back to rows.
    if (e.target !== e.currentTarget) {
      const controls = rowControls(e.currentTarget)
      const at = controls.indexOf(e.target as HTMLElement)
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault()
        const next = at + (e.key === 'ArrowRight' ? 1 : -1)
        if (next < 0) e.currentTarget.focus()
        else controls[Math.min(next, controls.length - 1)]?.focus()
      } else if (e.key === 'Escape') {
        e.preventDefault()
        e.currentTarget.focus()
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        focusRow(index + (e.key === 'ArrowDown' ? 1 : -1))
      }
      return
    }
    const move = (to: number) => {
      e.preventDefault()
      const target = Math.max(0, Math.min(to, list.length - 1))
      if (e.shiftKey) {
        const targetCode = list[target]
        if (targetCode) store.selectBetween(code.id, targetCode.id)
      }
      focusRow(target)
    }
    switch (e.key) {
      case 'ArrowDown':
        return move(index + 1)
      case 'ArrowUp':
        return move(index - 1)
      case 'PageDown':
        return move(index + PAGE_ROWS)
      case 'PageUp':
        return move(index - PAGE_ROWS)
      case 'Home':
        return move(0)
      case 'End':
        return move(list.length - 1)
      case ' ':
        e.preventDefault()
        store.toggle(code.id, e.shiftKey)
        return
      case 'ArrowRight':
        e.preventDefault()
        rowControls(e.currentTarget)[0]?.focus()
        return
      case 'a':
      case 'A':
        if (mod) {
          e.preventDefault()
          store.toggleAll()
        }
        return
    }
  }

  return (
    <div className="table-wrap code-scroll" ref={scrollRef} data-testid="codes-scroll">
      {/* A grid (not a plain table): its rows are selected and its keys are ours; the row counts tell assistive
          technology how many codes there are beyond the rows in the page. */}
      <table role="grid" className="table code-table" data-testid="codes-table" aria-label={t.codes.tableLabel} aria-rowcount={list.length + 1} aria-multiselectable="true">
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="check-col">
              <input ref={allRef} type="checkbox" checked={allSelected} onChange={toggleAll} aria-label={t.codes.selectAll} data-testid="codes-select-all" />
            </th>
            <th scope="col">{t.codes.colProduct}</th>
            <th scope="col">{t.codes.colAccount}</th>
            <th scope="col">{t.codes.colOrder}</th>
            <th scope="col">{t.codes.colCode}</th>
            <th scope="col">{t.codes.colState}</th>
            <th scope="col">{t.codes.colDate}</th>
            <th scope="col" className="actions-col">
              <span className="visually-hidden">{t.codes.history}</span>
            </th>
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS} style={{ blockSize: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const c = list[item.index]
            if (!c) return null
            return (
              <CodeRow
                key={item.key}
                code={c}
                index={item.index}
                selected={selected.has(c.id)}
                tabbable={item.index === tabbable}
                measure={virtualizer.measureElement}
                onFocus={() => setActive(item.index)}
                onKeyDown={(e) => onRowKeyDown(e, item.index, c)}
              />
            )
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS} style={{ blockSize: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

function rowControls(row: HTMLElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>('[data-row-control]')].filter((el) => !(el as HTMLButtonElement).disabled)
}

interface CodeRowProps {
  code: CodeView
  index: number
  selected: boolean
  tabbable: boolean
  measure(el: Element | null): void
  onFocus(): void
  onKeyDown(e: KeyboardEvent<HTMLTableRowElement>): void
}

function CodeRow({ code: c, index, selected, tabbable, measure, onFocus, onKeyDown }: CodeRowProps) {
  const toggle = useCodes((s) => s.toggle)
  return (
    <tr
      ref={measure}
      data-index={index}
      tabIndex={tabbable ? 0 : -1}
      aria-rowindex={index + 2}
      aria-selected={selected}
      onFocus={(e) => e.target === e.currentTarget && onFocus()}
      onKeyDown={onKeyDown}
      data-testid="code-row"
      data-code-id={c.id}
      data-state={c.state}
      className={selected ? 'row-selected' : undefined}
    >
      <td className="check-col">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          // onClick (not onChange) so Shift+click can select a run of rows.
          onClick={(e: MouseEvent<HTMLInputElement>) => toggle(c.id, e.shiftKey)}
          onChange={() => undefined}
          aria-label={t.codes.selectCode(c.masked)}
          data-testid="code-select"
        />
      </td>
      <td className="strong cell-truncate" title={c.title}>
        {c.title}
      </td>
      <td>{c.accountName}</td>
      <td>
        <button type="button" className="link mono" tabIndex={-1} data-row-control="" title={c.orderId} aria-label={t.codes.openOrder(c.orderId)} onClick={() => openScreen('orders', { orderId: c.orderId })}>
          {shortId(c.orderId)}
        </button>
      </td>
      <td>
        <CodeReveal codeId={c.id} masked={c.masked} inRow />
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
        <span className="state-cell">
          <CodeStatePill state={c.state} />
          {c.held && (
            <Pill tone="attention" title={t.codes.heldTitle} testId="code-held">
              {t.codes.held}
            </Pill>
          )}
          {c.state === 'void' && c.voidReason && (
            <span className="muted small cell-truncate" title={t.codes.voidReasonShown(c.voidReason)} data-testid="code-void-reason">
              {c.voidReason}
            </span>
          )}
        </span>
      </td>
      <td className="nowrap" title={formatTimeFull(c.createdAt)}>
        {formatTime(c.createdAt)}
      </td>
      <td className="actions-col">
        <Button
          size="sm"
          variant="ghost"
          tabIndex={-1}
          data-row-control=""
          aria-label={t.codes.historyLabel(c.masked)}
          onClick={() => openScreen('history', { subjectType: 'code', subjectId: c.id })}
          testId="code-history"
        >
          {t.codes.history}
        </Button>
      </td>
    </tr>
  )
}

/** Asks before marking the selected codes sold (with an optional note) or void (a reason is required). */
function MarkDialog({ to, onClose }: { to: MarkTo; onClose(): void }) {
  const count = useCodes((s) => s.selected.size)
  const busy = useCodes((s) => s.marking)
  const mark = useCodes((s) => s.mark)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const isVoid = to === 'void'

  async function confirm() {
    if (isVoid && !reason.trim()) return setError(t.codes.voidReasonRequired)
    try {
      await mark(to, reason)
      onClose()
    } catch (e) {
      const ui = toUiError(e)
      if (ui.fields['reason']) setError(t.codes.voidReasonRequired)
    }
  }

  return (
    <Dialog
      title={isVoid ? t.codes.voidTitle(count) : t.codes.markSoldTitle(count)}
      onClose={onClose}
      testId="mark-dialog"
      actions={
        <>
          <Button onClick={onClose} testId="mark-cancel">
            {t.common.cancel}
          </Button>
          <Button type="submit" form="mark-form" variant={isVoid ? 'danger' : 'primary'} busy={busy} busyLabel={t.common.working} testId="mark-confirm">
            {isVoid ? t.codes.voidConfirm : t.codes.markSold}
          </Button>
        </>
      }
    >
      <form
        id="mark-form"
        className="dialog-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void confirm()
        }}
      >
        <p className="dialog-text">{isVoid ? t.codes.voidText : t.codes.markSoldText}</p>
        <TextField
          label={
            isVoid ? (
              t.codes.voidReason
            ) : (
              <>
                {t.codes.markSoldNote} <span className="muted">{t.common.optional}</span>
              </>
            )
          }
          value={reason}
          onValue={(v) => {
            setReason(v)
            setError(undefined)
          }}
          placeholder={isVoid ? t.codes.voidReasonPlaceholder : undefined}
          error={error}
          maxLength={500}
          autoComplete="off"
          autoFocus
          required={isVoid}
          testId="mark-reason"
        />
      </form>
    </Dialog>
  )
}
