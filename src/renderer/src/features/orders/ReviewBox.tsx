// An order in needs-review: why, our reference, the supplier's orders that could be it, and the person's decision
// (placed, with the supplier's order id, or not placed), each confirmed in a dialog.
import { useState } from 'react'
import type { OrderView, ReviewCandidateView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/Dialog'
import { TextField } from '../../ui/Field'
import { formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useOrders } from './store'

export function ReviewBox({ order }: { order: OrderView }) {
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
