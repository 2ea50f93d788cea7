// One order's detail beside the list: its figures, what it came to, its codes, Cancel and History, and the review
// decision when it needs one.
import { useState, type ReactNode } from 'react'
import { isFinalState } from '../../../../shared/domain'
import type { OrderDetailView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { LoadError } from '../../ui/LoadState'
import { CancelOrderDialog } from './CancelOrderDialog'
import { CodeReveal } from '../codes'
import { Money } from '../../ui/Money'
import { CodeStatePill, OrderStatePill, Pill } from '../../ui/StatePill'
import { isPositive } from '../../format/money'
import { orderOutcome, stepLabel } from '../../format/labels'
import { formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { openScreen } from '../../state/nav'
import { useOrders } from './store'
import { ReviewBox } from './ReviewBox'

export function OrderDetailPanel() {
  const detail = useOrders((s) => s.detail)
  const detailStatus = useOrders((s) => s.detailStatus)
  const detailError = useOrders((s) => s.detailError)
  const select = useOrders((s) => s.select)
  const loadDetail = useOrders((s) => s.loadDetail)

  return (
    <aside className="detail panel" aria-labelledby="order-detail-title" data-testid="order-detail" data-order-id={detail?.order.id}>
      <div className="detail-head">
        <h2 id="order-detail-title" className="panel-title">
          {t.orders.detailTitle}
        </h2>
        <Button size="sm" variant="ghost" onClick={() => select(null)} testId="order-detail-close" aria-label={t.orders.closeDetail}>
          {t.common.close}
        </Button>
      </div>
      {detailStatus === 'loading' && !detail && <p className="muted">{t.common.loading}</p>}
      <LoadError status={detailStatus} error={detailError} onRetry={() => void loadDetail()} />
      {detail && <OrderDetailBody detail={detail} />}
    </aside>
  )
}

function OrderDetailBody({ detail }: { detail: OrderDetailView }) {
  const { order: o, codes } = detail
  const [cancelling, setCancelling] = useState(false)
  const fields = Object.entries(o.fields)
  const settledShort = isFinalState(o.state) && (o.state !== 'completed' || o.deliveredCount < o.quantity)
  const row = (label: string, value: ReactNode, testId?: string) => (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )
  return (
    <>
      <div className="detail-title">
        <span className="strong">{o.title}</span> <OrderStatePill state={o.state} testId="order-detail-state" />
      </div>
      {settledShort && (
        <p className={`outcome ${o.state === 'cancelled' ? 'outcome-neutral' : 'outcome-warn'}`} role="status" data-testid="order-detail-outcome">
          {orderOutcome(o)}
        </p>
      )}
      {o.state === 'needs_review' && <ReviewBox order={o} />}
      <div className="detail-actions">
        {o.cancellable && (
          <Button variant="danger" size="sm" onClick={() => setCancelling(true)} testId="order-cancel">
            {t.orders.cancel}
          </Button>
        )}
        <Button
          size="sm"
          variant="ghost"
          onClick={() => openScreen('history', { subjectType: 'order', subjectId: o.id })}
          aria-label={t.history.historyOfOrder}
          testId="order-history"
        >
          {t.history.historyOf}
        </Button>
      </div>
      <dl className="dl">
        {row(t.orders.fOrderId, <span className="mono">{o.id}</span>, 'order-detail-id')}
        {row(t.orders.fBatch, <span className="mono">{o.batchId}</span>)}
        {row(t.orders.fAccount, o.accountName)}
        {o.variantId && row(t.orders.fVariant, <span className="mono">{o.variantId}</span>)}
        {row(t.orders.fQuantity, o.quantity)}
        {row(t.orders.fUnitPrice, <Money value={o.unitPrice} />)}
        {row(t.orders.fTotal, <Money value={o.total} />)}
        {row(t.orders.fClientRef, <span className="mono">{o.clientRef}</span>, 'order-detail-client-ref')}
        {row(t.orders.fUpstreamId, o.upstreamId ? <span className="mono">{o.upstreamId}</span> : t.common.none, 'order-detail-upstream-id')}
        {row(t.orders.fUpstreamStatus, o.upstreamStatus ?? t.common.none)}
        {row(t.orders.fStep, stepLabel(o.step), 'order-detail-step')}
        {row(t.orders.fDelivered, t.orders.delivered(o.deliveredCount, o.quantity), 'order-detail-delivered')}
        {o.refunded && isPositive(o.refunded.amount) && row(t.orders.fRefunded, <Money value={o.refunded} />, 'order-detail-refunded')}
        {o.error && row(t.orders.fError, <span className="text-bad">{o.error.message}</span>, 'order-detail-error')}
        {row(t.orders.fCreated, formatTimeFull(o.createdAt))}
        {row(t.orders.fUpdated, formatTimeFull(o.updatedAt))}
        {o.completedAt && row(t.orders.fCompleted, formatTimeFull(o.completedAt))}
      </dl>
      {fields.length > 0 && (
        <>
          <h3 className="subhead">{t.orders.fieldsTitle}</h3>
          <dl className="dl" data-testid="order-detail-fields">
            {fields.map(([name, value]) => (
              <div className="dl-row" key={name} data-testid="order-detail-field" data-name={name}>
                <dt>{name}</dt>
                <dd className="mono">{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <div className="detail-subhead">
        <h3 className="subhead">{t.orders.codesTitle}</h3>
        {codes.length > 0 && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => openScreen('codes', { orderId: o.id })}
            testId="order-detail-view-codes"
          >
            {t.orders.viewInCodes}
          </Button>
        )}
      </div>
      {codes.length === 0 ? (
        <p className="muted">{t.orders.noCodes}</p>
      ) : (
        <ul className="code-list" data-testid="order-codes">
          {codes.map((c) => (
            <li key={c.id} data-testid="order-code" data-code-id={c.id} data-state={c.state}>
              <CodeReveal codeId={c.id} masked={c.masked} />
              <CodeStatePill state={c.state} />
              {c.held && (
                <Pill tone="attention" title={t.codes.heldTitle} testId="code-held">
                  {t.codes.held}
                </Pill>
              )}
              {c.duplicateOf && (
                <Pill tone="attention" title={t.codes.duplicateTitle}>
                  {t.codes.duplicate}
                </Pill>
              )}
            </li>
          ))}
        </ul>
      )}
      {cancelling && <CancelOrderDialog order={o} onClose={() => setCancelling(false)} />}
    </>
  )
}
