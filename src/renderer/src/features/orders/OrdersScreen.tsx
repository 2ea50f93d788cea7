import { useEffect, useState, type ReactNode } from 'react'
import { isFinalState, ORDER_STATES, type OrderState } from '../../../../shared/domain'
import type { OrderDetailView, OrderView, ReviewCandidateView } from '../../../../shared/schemas'
import { Button } from '../../ui/Button'
import { LoadError, LoadState } from '../../ui/LoadState'
import { CancelOrderDialog } from './CancelOrderDialog'
import { CodeReveal } from '../codes'
import { ConfirmDialog } from '../../ui/Dialog'
import { SelectField, TextField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { CodeStatePill, OrderStatePill, Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { rowKeyDown } from '../../ui/rowKeys'
import { isPositive } from '../../format/money'
import { orderOutcome, stepLabel } from '../../format/labels'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { openScreen } from '../../state/nav'
import { useOrders } from './store'

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

function OrderDetailPanel() {
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

function ReviewBox({ order }: { order: OrderView }) {
  const resolve = useOrders((s) => s.resolve)
  const resolving = useOrders((s) => s.resolving)
  const [upstreamId, setUpstreamId] = useState('')
  const [idError, setIdError] = useState<string | undefined>()
  const [confirm, setConfirm] = useState<'placed' | 'not_placed' | null>(null)

  return (
    <section className="review-box" aria-labelledby="review-title" data-testid="review-box">
      <h3 id="review-title" className="subhead">
        {t.orders.reviewTitle}
      </h3>
      <p>{t.orders.reviewExplain(t.providers[order.kind])}</p>
      {order.reviewReason && (
        <p className="muted small" data-testid="review-reason">
          {t.orders.reviewReason} {order.reviewReason}
        </p>
      )}
      <p className="small" data-testid="review-client-ref">
        {t.orders.clientRefHint(order.clientRef)}
      </p>
      {order.reviewCandidates && <ReviewCandidates candidates={order.reviewCandidates} onPick={(id) => (setUpstreamId(id), setIdError(undefined))} />}
      <form
        className="review-placed"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          if (!upstreamId.trim()) {
            setIdError(t.orders.placedNeedsId)
            return
          }
          setConfirm('placed')
        }}
      >
        <TextField
          label={t.orders.placedLabel}
          value={upstreamId}
          onValue={(v) => {
            setUpstreamId(v)
            setIdError(undefined)
          }}
          error={idError}
          autoComplete="off"
          spellCheck={false}
          testId="review-upstream-id"
          maxLength={200}
        />
        <Button type="submit" variant="primary" testId="review-placed">
          {t.orders.placedButton}
        </Button>
      </form>
      <Button variant="danger" onClick={() => setConfirm('not_placed')} testId="review-not-placed">
        {t.orders.notPlacedButton}
      </Button>
      {confirm === 'placed' && (
        <ConfirmDialog
          title={t.orders.confirmPlacedTitle}
          message={
            order.reviewCandidates && !order.reviewCandidates.some((c) => c.upstreamId === upstreamId.trim())
              ? t.orders.confirmPlacedNotCandidateText(upstreamId.trim())
              : t.orders.confirmPlacedText(upstreamId.trim())
          }
          confirmLabel={t.orders.placedButton}
          busy={resolving}
          testId="review-confirm-dialog"
          onCancel={() => setConfirm(null)}
          // The dialog above named the risk of an id that is not a candidate: confirming it is the explicit override.
          onConfirm={() =>
            void resolve(order.id, {
              kind: 'placed',
              upstreamId: upstreamId.trim(),
              force: Boolean(order.reviewCandidates && !order.reviewCandidates.some((c) => c.upstreamId === upstreamId.trim()))
            }).finally(() => setConfirm(null))
          }
        />
      )}
      {confirm === 'not_placed' && (
        <ConfirmDialog
          title={t.orders.confirmNotPlacedTitle}
          message={t.orders.confirmNotPlacedText}
          confirmLabel={t.orders.notPlacedButton}
          danger
          busy={resolving}
          testId="review-confirm-dialog"
          onCancel={() => setConfirm(null)}
          onConfirm={() => void resolve(order.id, { kind: 'not_placed' }).finally(() => setConfirm(null))}
        />
      )}
    </section>
  )
}


/** The supplier's orders that could be this one, with their times: a person compares them with the supplier's site. */
function ReviewCandidates({ candidates, onPick }: { candidates: ReviewCandidateView[]; onPick(upstreamId: string): void }) {
  if (candidates.length === 0) return <p className="muted small">{t.orders.candidatesNone}</p>
  return (
    <>
      <h4 className="subhead">{t.orders.candidatesTitle}</h4>
      {/* A list, not a table: the detail panel is narrow, and each candidate reads as one sentence. */}
      <ul className="candidate-list" data-testid="review-candidates">
        {candidates.map((c) => (
          <li key={c.upstreamId} className="candidate" data-testid="review-candidate" data-upstream-id={c.upstreamId}>
            <div className="mono candidate-id">{c.upstreamId}</div>
            <div className="small">
              {t.orders.candidateLine(
                c.createdAt && /^\d{4}-\d{2}-\d{2}T/.test(c.createdAt) ? formatTimeFull(c.createdAt) : (c.createdAt ?? t.common.none),
                c.quantity === null ? t.common.none : String(c.quantity),
                c.amount ?? t.common.none,
                c.status
              )}
            </div>
            <Button size="sm" variant="ghost" onClick={() => onPick(c.upstreamId)} aria-label={t.orders.candidatePickLabel(c.upstreamId)} testId="review-candidate-pick">
              {t.orders.candidatePick}
            </Button>
          </li>
        ))}
      </ul>
    </>
  )
}
