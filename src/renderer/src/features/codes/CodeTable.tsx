// The code inventory's table, virtualised so thousands of rows stay fast. It is one Tab stop: ↑/↓ move between rows,
// Space selects, Shift extends, → reaches the row's buttons.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual'
import type { CodeView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { CodeReveal } from './CodeReveal'
import { CodeStatePill, Pill } from '../../ui/StatePill'
import { shortId } from '../../format/labels'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useCodes } from './store'
import { openScreen } from '../../state/nav'

/** Row height before it is measured (one line of text); the virtualiser measures each rendered row. */
const ROW_ESTIMATE = 37

/** The sticky header's height: rows start below it, and a row scrolled into view is not hidden under it. */
const HEADER_HEIGHT = 31

/** Lists this short are rendered whole (find in page works, nothing to window); longer ones are windowed. */
const FULL_RENDER_MAX = 150

const PAGE_ROWS = 10

const COLUMNS = 8

export function CodeTable() {
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
