import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { CatalogItemView, OrderView, PlanView } from '../../../../shared/schemas'
import { Button } from '../../ui/Button'
import { CancelOrderDialog } from '../orders'
import { SelectField, TextField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { ProgressBar } from '../../ui/ProgressBar'
import { OrderStatePill, Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { formatMoney } from '../../format/money'
import { orderOutcome, stepLabel } from '../../format/labels'
import { t } from '../../i18n'
import { catalogKey } from '../../model/keys'
import { batchProgress, productKey, useBuy, type Batch, type BasketLineDraft } from './store'
import { openScreen, useNav } from '../../state/nav'

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
  const setVariant = useBuy((s) => s.setVariant)
  const { item } = line
  const variants = useBuy((s) => (item.variantId === null ? undefined : s.variants[productKey(item)]))
  const qtyRef = useRef<HTMLInputElement>(null)

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
        {item.variantId !== null && <VariantPicker item={item} variants={variants} onPick={(v) => setVariant(line.key, v)} />}
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

/** Another denomination of the same product at the same account, with each one's price and stock. */
function VariantPicker({ item, variants, onPick }: { item: CatalogItemView; variants: CatalogItemView[] | undefined; onPick(v: CatalogItemView): void }) {
  if (!variants) {
    return <p className="muted small variant-loading">{t.buy.variantsLoading}</p>
  }
  if (variants.length < 2) return null
  const current = catalogKey(item)
  return (
    <SelectField
      label={t.buy.variant}
      value={current}
      onValue={(key) => {
        const next = variants.find((v) => catalogKey(v) === key)
        if (next) onPick(next)
      }}
      options={variants.map((v) => ({
        value: catalogKey(v),
        label: t.buy.variantOption(v.variantName ?? v.variantId ?? '', formatMoney(v.price), t.buy.variantStock(v.stock, v.inStock)),
        disabled: !v.inStock && catalogKey(v) !== current
      }))}
      testId="buy-variant"
      fieldClassName="variant-field"
    />
  )
}

function PlanPanel({ plan }: { plan: PlanView }) {
  const place = useBuy((s) => s.place)
  const placing = useBuy((s) => s.placing)
  const formError = useBuy((s) => s.formError)
  const headingRef = useRef<HTMLHeadingElement>(null)

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
                {plan.totals.map((m) => (
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
                  <Money value={a.balance} testId="plan-account-balance" />
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
      {formError && (
        <div className="alert alert-error" role="alert" data-testid="buy-error">
          {formError}
        </div>
      )}
      <div className="form-actions">
        <Button
          variant="primary"
          disabled={!plan.canPlace}
          busy={placing}
          busyLabel={t.buy.placing}
          onClick={() => void place()}
          aria-describedby={plan.canPlace ? 'plan-confirm-hint' : 'plan-confirm-reason'}
          testId="plan-confirm"
        >
          {t.buy.confirm}
        </Button>
        {plan.canPlace ? (
          <span id="plan-confirm-hint" className="muted small">
            {t.buy.confirmHint}
          </span>
        ) : (
          <p id="plan-confirm-reason" className="text-bad" data-testid="plan-confirm-reason">
            {t.buy.cannotPlace(plan.problems.map((p) => p.message).join(' '))}
          </p>
        )}
      </div>
    </section>
  )
}

function BatchPanel({ batch }: { batch: Batch }) {
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
