// An order as the window and the CLI show it. A function of the journal alone (plus whether the supplier can
// cancel), so the engine and the order service both use it without needing each other.
import type { ProviderKind } from '../../shared/domain'
import type { OrderView } from '../../shared/contract'
import type { OrderRecord } from '../db/orders-repo'
import type { Storage } from '../db/storage'
import { multiply } from '../money'

export type OrderViewOf = (o: OrderRecord) => OrderView

export function orderViewOf(storage: Pick<Storage, 'accounts' | 'codes'>, canCancel: (kind: ProviderKind) => boolean): OrderViewOf {
  return (o) => {
    const a = storage.accounts.get(o.accountId)
    const unitPrice = { amount: o.unitPrice, currency: o.currency }
    return {
      id: o.id,
      batchId: o.batchId,
      accountId: o.accountId,
      accountName: a?.name ?? '(removed account)',
      kind: a?.kind ?? 'digetalhube',
      productId: o.productId,
      variantId: o.variantId,
      title: o.title,
      quantity: o.quantity,
      unitPrice,
      total: multiply(unitPrice, o.quantity),
      state: o.state,
      upstreamId: o.upstreamId,
      upstreamStatus: o.upstreamStatus,
      step: o.step,
      deliveredCount: storage.codes.countForOrder(o.id),
      refunded: o.refunded ? { amount: o.refunded, currency: o.currency } : null,
      error: o.errorCode && o.errorMessage ? { code: o.errorCode, message: o.errorMessage } : null,
      reviewReason: o.reviewReason,
      clientRef: o.clientRef,
      reviewCandidates: o.state === 'needs_review' ? o.reviewCandidates : null,
      fields: o.fields,
      cancellable: o.state === 'planned' || ((o.state === 'submitted' || o.state === 'processing') && a !== null && canCancel(a.kind)),
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      completedAt: o.completedAt
    }
  }
}
