import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { OrderView, PlanView } from '../../../shared/schemas'
import { Button } from '../components/Button'
import { TextField } from '../components/Field'
import { Money } from '../components/Money'
import { ProgressBar } from '../components/ProgressBar'
import { OrderStatePill, Pill } from '../components/StatePill'
import { ScreenHeader } from '../components/ScreenHeader'
import { isPositive, sumByCurrency } from '../format/money'
import { stepLabel } from '../format/labels'
import { t } from '../i18n'
import { batchProgress, useBuy, type Batch, type BasketLineDraft } from '../store/buy'
import { useCodes } from '../store/codes'
import { useNav } from '../store/nav'
import { useOrders } from '../store/orders'

export function BuyScreen() {
  const lines = useBuy((s) => s.lines)
  const batch = useBuy((s) => s.batch)
  const plan = useBuy((s) => s.plan)
  const focusKey = useBuy((s) => s.focusKey)
  // Arriving from the catalog, the new line's quantity gets the focus instead of the title.
  const [focusTitle] = useState(() => focusKey === null)

  return (
    <div className="screen" data-testid="screen-buy">
      <ScreenHeader title={t.buy.title} focusOnMount={focusTitle} />
      {lines.length === 0 && !batch && (
        <div className="empty" data-testid="buy-empty">
          <p>{t.buy.empty}</p>
          <Button onClick={() => useNav.getState().go('catalog')} testId="buy-to-catalog">
            {t.buy.toCatalog}
          </Button>
        </div>
      )}
      {lines.length > 0 && <BasketForm lines={lines} />}
      {lines.length > 0 && plan && <PlanPanel plan={plan} />}
      {batch && <BatchPanel batch={batch} />}
    </div>
  )
}

function BasketForm({ lines }: { lines: BasketLineDraft[] }) {
  const review = useBuy((s) => s.review)
  const planning = useBuy((s) => s.planning)
  const formError = useBuy((s) => s.formError)
  const plan = useBuy((s) => s.plan)

  function submit(e: FormEvent) {
    e.preventDefault()
    void review()
  }

  return (
    <form className="basket" onSubmit={submit} noValidate data-testid="buy-form">
      {lines.map((line, i) => (
        <BasketLine key={line.key} line={line} index={i} />
      ))}
      {formError && !plan && (
        <div className="alert alert-error" role="alert" data-testid="buy-error">
          {formError}
        </div>
      )}
      <div className="form-actions">
        <Button type="submit" variant={plan ? 'secondary' : 'primary'} busy={planning} busyLabel={t.buy.reviewing} testId="buy-review">
          {t.buy.review}
        </Button>
        <Button variant="ghost" onClick={() => useNav.getState().go('catalog')} testId="buy-add-another">
          {t.buy.addAnother}
        </Button>
      </div>
    </form>
  )
}

function BasketLine({ line, index }: { line: BasketLineDraft; index: number }) {
  const errors = useBuy((s) => s.errors[line.key])
  const focusKey = useBuy((s) => s.focusKey)
  const setQuantity = useBuy((s) => s.setQuantity)
  const setField = useBuy((s) => s.setField)
  const remove = useBuy((s) => s.remove)
  const qtyRef = useRef<HTMLInputElement>(null)
  const { item } = line

  useEffect(() => {
    if (focusKey === line.key) {
      qtyRef.current?.focus()
      qtyRef.current?.select()
      useBuy.getState().clearFocus()
    }
  }, [focusKey, line.key])

  return (
    <section className="panel basket-line" aria-label={t.buy.line(index + 1)} data-testid="basket-line" data-key={line.key} data-index={index}>
      <div className="basket-line-head">
        <div>
          <div className="basket-title strong" data-testid="basket-title">
            {item.title}
            {item.variantName && (
              <span className="muted">
                {t.buy.separator}
                {item.variantName}
              </span>
            )}
          </div>
          <div className="muted small">
            {item.accountName}
            {t.buy.separator}
            {t.buy.unitPriceLabel} <Money value={item.price} />
            {!item.inStock && (
              <>
                {' '}
                <Pill tone="bad">{t.buy.outOfStock}</Pill>
              </>
            )}
          </div>
        </div>
        <Button size="sm" variant="ghost" onClick={() => remove(line.key)} testId="basket-remove">
          {t.buy.removeLine}
        </Button>
      </div>
      <div className="basket-inputs">
        <TextField
          ref={qtyRef}
          label={t.buy.quantity}
          value={line.quantity}
          onValue={(v) => setQuantity(line.key, v)}
          inputMode="numeric"
          autoComplete="off"
          hint={t.buy.quantityHint(item.maxPerOrder)}
          error={errors?.quantity}
          testId="buy-quantity"
          fieldClassName="qty-field"
        />
        {item.fields.map((f) => (
          <TextField
            key={f.name}
            label={
              <>
                {f.label} {!f.required && <span className="muted">{t.common.optional}</span>}
              </>
            }
            value={line.fields[f.name] ?? ''}
            onValue={(v) => setField(line.key, f.name, v)}
            required={f.required}
            autoComplete="off"
            error={errors?.fields[f.name] || undefined}
            testId={`buy-field-${f.name}`}
          />
        ))}
      </div>
    </section>
  )
}

function PlanPanel({ plan }: { plan: PlanView }) {
  const place = useBuy((s) => s.place)
  const placing = useBuy((s) => s.placing)
  const formError = useBuy((s) => s.formError)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const totals = sumByCurrency(plan.lines.map((l) => l.total))

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: false })
  }, [plan])

  return (
    <section className="panel plan" aria-labelledby="plan-title" data-testid="plan" data-can-place={plan.canPlace}>
      <h2 id="plan-title" ref={headingRef} tabIndex={-1} className="panel-title">
        {t.buy.planTitle}
      </h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.buy.colProduct}</th>
              <th scope="col">{t.buy.colAccount}</th>
              <th scope="col" className="num">{t.buy.colQty}</th>
              <th scope="col" className="num">{t.buy.colUnit}</th>
              <th scope="col" className="num">{t.buy.colTotal}</th>
              <th scope="col">{t.buy.colSplit}</th>
            </tr>
          </thead>
          <tbody>
            {plan.lines.map((l, i) => (
              <tr key={`${l.accountId}|${l.productId}|${l.variantId ?? ''}|${i}`} data-testid="plan-line" data-index={i}>
                <td className="strong">{l.title}</td>
                <td>{l.accountName}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">
                  <Money value={l.unitPrice} />
                </td>
                <td className="num">
                  <Money value={l.total} testId="plan-line-total" />
                </td>
                <td data-testid="plan-split" data-split={l.orderQuantities.join(',')}>
                  <span className="mono">{t.buy.split(l.orderQuantities)}</span>{' '}
                  <span className="muted small">({t.buy.splitCount(l.orderQuantities.length)})</span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4} className="num">
                {t.buy.grandTotal}
              </th>
              <td className="num strong">
                {totals.map((m) => (
                  <div key={m.currency}>
                    <Money value={m} testId="plan-total" />
                  </div>
                ))}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>

      <h3 className="subhead">{t.buy.accountsTitle}</h3>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.buy.colAccount}</th>
              <th scope="col" className="num">{t.buy.colCost}</th>
              <th scope="col" className="num">{t.buy.colBalance}</th>
              <th scope="col">{t.buy.colEnough}</th>
            </tr>
          </thead>
          <tbody>
            {plan.accounts.map((a) => (
              <tr key={a.accountId} data-testid="plan-account" data-account-id={a.accountId} data-sufficient={a.sufficient} className={a.sufficient ? undefined : 'row-bad'}>
                <td>{a.accountName}</td>
                <td className="num">
                  <Money value={a.cost} testId="plan-account-cost" />
                </td>
                <td className="num">
                  <Money value={a.balance} />
                </td>
                <td data-testid="plan-sufficient" data-sufficient={a.sufficient}>
                  {a.balance === null && a.sufficient ? (
                    <Pill tone="neutral">{t.buy.balanceUnknown}</Pill>
                  ) : a.sufficient ? (
                    <Pill tone="ok">{t.buy.sufficient}</Pill>
                  ) : (
                    <Pill tone="bad">{t.buy.insufficient}</Pill>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {plan.problems.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="plan-problems">
          <h3 className="subhead">{t.buy.problemsTitle}</h3>
          <ul>
            {plan.problems.map((p, i) => (
              <li key={`${p.code}-${i}`} data-testid="plan-problem" data-code={p.code}>
                {p.lineIndex !== null && plan.lines[p.lineIndex] ? <span className="strong">{t.buy.problemLine(plan.lines[p.lineIndex]?.title ?? '')}</span> : null}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!plan.canPlace && <p className="text-bad">{t.buy.cannotPlace}</p>}
      {formError && (
        <div className="alert alert-error" role="alert" data-testid="buy-error">
          {formError}
        </div>
      )}
      <div className="form-actions">
        <Button variant="primary" disabled={!plan.canPlace} busy={placing} busyLabel={t.buy.placing} onClick={() => void place()} testId="plan-confirm">
          {t.buy.confirm}
        </Button>
        {plan.canPlace && <span className="muted small">{t.buy.confirmHint}</span>}
      </div>
    </section>
  )
}

function BatchPanel({ batch }: { batch: Batch }) {
  const newPurchase = useBuy((s) => s.newPurchase)
  const { orders, delivered, total, done } = batchProgress(batch)
  const progressText = t.buy.progress(delivered, total)

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
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="batch-order" data-order-id={o.id} data-state={o.state}>
                <td>
                  <button type="button" className="link" onClick={() => openOrder(o.id)}>
                    {o.title}
                  </button>
                </td>
                <td>{o.accountName}</td>
                <td className="num">{o.quantity}</td>
                <td>
                  <OrderStatePill state={o.state} />
                </td>
                <td className="muted" data-testid="batch-order-step">
                  {o.error ? <span className="text-bad">{o.error.message}</span> : stepLabel(o.step)}
                </td>
                <td className="num" data-testid="batch-order-delivered">
                  {t.orders.delivered(o.deliveredCount, o.quantity)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {done && <BatchSummary orders={orders} delivered={delivered} total={total} />}
      <div className="form-actions">
        <Button
          variant={done ? 'primary' : 'secondary'}
          onClick={() => {
            useCodes.getState().showOrders(batch.orderIds)
            useNav.getState().go('codes')
          }}
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
    </section>
  )
}

function openOrder(orderId: string) {
  useNav.getState().go('orders')
  useOrders.getState().select(orderId)
}

function BatchSummary({ orders, delivered, total }: { orders: OrderView[]; delivered: number; total: number }) {
  const failed = orders.filter((o) => o.state === 'failed').length
  const partial = orders.filter((o) => o.state === 'partially_completed').length
  const review = orders.filter((o) => o.state === 'needs_review').length
  const refunds = sumByCurrency(orders.flatMap((o) => (o.refunded && isPositive(o.refunded.amount) ? [o.refunded] : [])))
  return (
    <div className={`summary ${delivered === total ? 'summary-ok' : 'summary-warn'}`} role="status" data-testid="batch-summary">
      <p className="strong">{delivered === total ? t.buy.summaryAll(total) : t.buy.summarySome(delivered, total)}</p>
      {failed > 0 && <p>{t.buy.summaryFailed(failed)}</p>}
      {partial > 0 && <p>{t.buy.summaryPartial(partial)}</p>}
      {review > 0 && <p className="text-attention">{t.buy.summaryReview(review)}</p>}
      {refunds.length > 0 && (
        <p>
          {t.buy.summaryRefunded}{' '}
          {refunds.map((m) => (
            <Money key={m.currency} value={m} testId="batch-refunded" />
          ))}
        </p>
      )}
    </div>
  )
}
