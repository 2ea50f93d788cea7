// The order journal: every order, newest first, filtered by state; a row opens its detail beside the list.
import { useEffect, useState } from 'react'
import { ORDER_STATES, type OrderState } from '../../../../shared/domain'
import type { OrderView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { LoadError, LoadState } from '../../ui/LoadState'
import { SelectField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { OrderStatePill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { rowKeyDown } from '../../ui/rowKeys'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useOrders } from './store'
import { OrderDetailPanel } from './OrderDetail'

export function OrdersScreen() {
  const list = useOrders((s) => s.list)
  const status = useOrders((s) => s.status)
  const error = useOrders((s) => s.error)
  const stateFilter = useOrders((s) => s.stateFilter)
  const setStateFilter = useOrders((s) => s.setStateFilter)
  const load = useOrders((s) => s.load)
  const selectedId = useOrders((s) => s.selectedId)
  const select = useOrders((s) => s.select)
  const [activeId, setActiveId] = useState<string | null>(null)
  const rovingId = list.some((o) => o.id === activeId) ? activeId : (list[0]?.id ?? null)

  useEffect(() => {
    void load()
  }, [load])

  // An order opened from elsewhere (a toast, a notification, a code's order link) is scrolled into view.
  useEffect(() => {
    if (!selectedId || status !== 'ready') return
    document.querySelector(`[data-testid="order-row"][data-order-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [selectedId, status])

  useEffect(() => {
    if (!selectedId) return
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return
      // Escape in a text box belongs to the box (the review form's upstream id).
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return
      useOrders.getState().select(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [selectedId])

  return (
    <div className="screen" data-testid="screen-orders">
      <ScreenHeader title={t.orders.title}>
        <Button onClick={() => void load()} testId="orders-refresh">
          {t.common.refresh}
        </Button>
      </ScreenHeader>
      <div className="toolbar">
        <SelectField
          label={t.orders.state}
          value={stateFilter}
          onValue={(v) => setStateFilter(v as OrderState | '')}
          options={[{ value: '', label: t.orders.anyState }, ...ORDER_STATES.map((s) => ({ value: s, label: t.orderStates[s] }))]}
          testId="orders-state-filter"
        />
      </div>
      <LoadError status={status} error={error} onRetry={() => void load()} />
      <div className={`split${selectedId ? ' split-open' : ''}`}>
        <div className="split-main">
          <LoadState status={status} isEmpty={list.length === 0} emptyText={stateFilter ? t.orders.emptyFiltered : t.orders.empty} emptyTestId="orders-empty">
            <div className="table-wrap">
              <table className="table table-interactive" data-testid="orders-table">
                <thead>
                  <tr>
                    <th scope="col">{t.orders.colTime}</th>
                    <th scope="col" className="col-optional">{t.orders.colAccount}</th>
                    <th scope="col">{t.orders.colProduct}</th>
                    <th scope="col" className="num">{t.orders.colQty}</th>
                    <th scope="col" className="num">{t.orders.colTotal}</th>
                    <th scope="col">{t.orders.colState}</th>
                    <th scope="col" className="num">{t.orders.colDelivered}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((o) => (
                    <OrderRow
                      key={o.id}
                      order={o}
                      selected={o.id === selectedId}
                      tabbable={o.id === rovingId}
                      onFocus={() => setActiveId(o.id)}
                      onOpen={() => select(o.id)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </LoadState>
        </div>
        {selectedId && <OrderDetailPanel />}
      </div>
    </div>
  )
}

function OrderRow({ order: o, selected, tabbable, onFocus, onOpen }: { order: OrderView; selected: boolean; tabbable: boolean; onFocus(): void; onOpen(): void }) {
  return (
    <tr
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocus}
      onClick={onOpen}
      onKeyDown={rowKeyDown(onOpen)}
      aria-selected={selected}
      className={selected ? 'row-selected' : undefined}
      data-testid="order-row"
      data-order-id={o.id}
      data-state={o.state}
      data-quantity={o.quantity}
    >
      <td className="nowrap" title={formatTimeFull(o.createdAt)}>
        {formatTime(o.createdAt)}
      </td>
      <td className="col-optional">{o.accountName}</td>
      <td className="strong cell-truncate" title={o.title}>
        {o.title}
      </td>
      <td className="num">{o.quantity}</td>
      <td className="num">
        <Money value={o.total} />
      </td>
      <td>
        <OrderStatePill state={o.state} />
      </td>
      <td className="num" data-testid="order-delivered">
        {t.orders.delivered(o.deliveredCount, o.quantity)}
      </td>
    </tr>
  )
}
