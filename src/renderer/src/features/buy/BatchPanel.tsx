// A placed purchase, live: its orders' progress, Cancel where the supplier allows it, and once done what it came to.
import { useState } from 'react'
import type { OrderView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { CancelOrderDialog } from '../orders'
import { ProgressBar } from '../../ui/ProgressBar'
import { OrderStatePill } from '../../ui/StatePill'
import { orderOutcome, stepLabel } from '../../format/labels'
import { t } from '../../i18n'
import { batchProgress, useBuy, type Batch } from './store'
import { openScreen, useNav } from '../../state/nav'

export function BatchPanel({ batch }: { batch: Batch }) {
  const newPurchase = useBuy((s) => s.newPurchase)
  const [cancelling, setCancelling] = useState<OrderView | null>(null)
  const { orders, delivered, total, done } = batchProgress(batch)
  const progressText = t.buy.progress(delivered, total)
  const anyCancellable = orders.some((o) => o.cancellable)

  return (
    <section className="panel batch" aria-labelledby="batch-title" data-testid="batch" data-batch-id={batch.batchId} data-done={done}>
      <h2 id="batch-title" className="panel-title">
        {done ? t.buy.batchDone : t.buy.batchTitle}
      </h2>
      <div className="batch-progress" data-testid="batch-progress" data-delivered={delivered} data-total={total} data-done={done}>
        <ProgressBar value={delivered} max={total} label={progressText} />
        <p className="progress-text" aria-live="polite" data-testid="batch-progress-text">
          {progressText}
        </p>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="batch-orders">
          <thead>
            <tr>
              <th scope="col">{t.orders.colProduct}</th>
              <th scope="col">{t.orders.colAccount}</th>
              <th scope="col" className="num">{t.orders.colQty}</th>
              <th scope="col">{t.buy.colState}</th>
              <th scope="col">{t.buy.colStep}</th>
              <th scope="col" className="num">{t.buy.colDelivered}</th>
              {anyCancellable && (
                <th scope="col" className="actions-col">
                  <span className="visually-hidden">{t.buy.colActions}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="batch-order" data-order-id={o.id} data-state={o.state} data-quantity={o.quantity} data-cancellable={o.cancellable}>
                <td>
                  <button type="button" className="link" onClick={() => openScreen('orders', { orderId: o.id })}>
                    {o.title}
                  </button>
                </td>
                <td>{o.accountName}</td>
                <td className="num">{o.quantity}</td>
                <td>
                  <OrderStatePill state={o.state} />
                </td>
                <td className="muted" data-testid="batch-order-step">
                  {o.error ? <span className={o.state === 'cancelled' ? undefined : 'text-bad'}>{o.error.message}</span> : stepLabel(o.step)}
                </td>
                <td className="num" data-testid="batch-order-delivered">
                  {t.orders.delivered(o.deliveredCount, o.quantity)}
                </td>
                {anyCancellable && (
                  <td className="actions-col">
                    {o.cancellable && (
                      <Button size="sm" variant="ghost" onClick={() => setCancelling(o)} aria-label={t.buy.cancelOrderLabel(o.title)} testId="batch-order-cancel">
                        {t.buy.cancelOrder}
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {done && <BatchSummary orders={orders} delivered={delivered} total={total} />}
      <div className="form-actions">
        <Button
          variant={done ? 'primary' : 'secondary'}
          onClick={() => openScreen('codes', { batchId: batch.batchId })}
          testId="batch-view-codes"
        >
          {t.buy.viewCodes}
        </Button>
        <Button onClick={() => useNav.getState().go('orders')} testId="batch-view-orders">
          {t.buy.viewOrders}
        </Button>
        {done && (
          <Button variant="ghost" onClick={newPurchase} testId="batch-new">
            {t.buy.newPurchase}
          </Button>
        )}
      </div>
      {cancelling && <CancelOrderDialog order={cancelling} onClose={() => setCancelling(null)} />}
    </section>
  )
}

/** What the purchase came to, in plain words; every order that was not delivered in full is named with its refund. */
function BatchSummary({ orders, delivered, total }: { orders: OrderView[]; delivered: number; total: number }) {
  const count = (state: OrderView['state']) => orders.filter((o) => o.state === state).length
  const failed = count('failed')
  const partial = count('partially_completed')
  const review = count('needs_review')
  const cancelled = count('cancelled')
  const short = orders.filter((o) => o.state !== 'completed' || o.deliveredCount < o.quantity)
  return (
    <div className={`summary ${delivered === total ? 'summary-ok' : 'summary-warn'}`} role="status" data-testid="batch-summary">
      <p className="strong" data-testid="batch-summary-headline">
        {delivered === total ? t.buy.summaryAll(total) : t.buy.summarySome(delivered, total)}
      </p>
      {failed > 0 && <p>{t.buy.summaryFailed(failed)}</p>}
      {partial > 0 && <p>{t.buy.summaryPartial(partial)}</p>}
      {cancelled > 0 && <p>{t.buy.summaryCancelled(cancelled)}</p>}
      {review > 0 && <p className="text-attention">{t.buy.summaryReview(review)}</p>}
      {short.length > 0 && (
        <ul className="summary-orders" aria-label={t.buy.summaryOrders}>
          {short.map((o) => (
            <li key={o.id} data-testid="batch-outcome" data-order-id={o.id} data-state={o.state}>
              <span className="strong">{o.title}</span>
              {t.buy.separator}
              {orderOutcome(o)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
