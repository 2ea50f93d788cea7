// The plan of a reviewed basket: how each line is split into supplier orders and what it costs, each account's cost
// against its balance, the problems, and Confirm.
import { useEffect, useRef } from 'react'
import type { PlanView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { Money } from '../../ui/Money'
import { Pill } from '../../ui/StatePill'
import { t } from '../../i18n'
import { useBuy } from './store'

export function PlanPanel({ plan }: { plan: PlanView }) {
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
