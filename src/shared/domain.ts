// Domain vocabulary shared by core, main, preload and renderer. Plain data only: no Node, no DOM.

export const PROVIDER_KINDS = ['digetalhube', 'aidigitaltools', 'oneclickdz', 'hyper', 'digiseller'] as const
export type ProviderKind = (typeof PROVIDER_KINDS)[number]

/**
 * Journal states of one upstream order (DESIGN.md §4).
 * planned → submitting → submitted → processing → completed | partially_completed | failed | cancelled,
 * and needs_review whenever we cannot tell what the upstream did.
 */
export const ORDER_STATES = [
  'planned',
  'submitting',
  'submitted',
  'processing',
  'completed',
  'partially_completed',
  'failed',
  'cancelled',
  'needs_review'
] as const
export type OrderState = (typeof ORDER_STATES)[number]

/** States the engine still works on by itself. */
export const ACTIVE_ORDER_STATES = ['planned', 'submitting', 'submitted', 'processing'] as const satisfies readonly OrderState[]
/** States polled at the upstream (the order exists there). */
export const UPSTREAM_OPEN_STATES = ['submitted', 'processing'] as const satisfies readonly OrderState[]
export const FINAL_ORDER_STATES = ['completed', 'partially_completed', 'failed', 'cancelled'] as const satisfies readonly OrderState[]

export function isActiveState(s: OrderState): boolean {
  return (ACTIVE_ORDER_STATES as readonly OrderState[]).includes(s)
}
export function isFinalState(s: OrderState): boolean {
  return (FINAL_ORDER_STATES as readonly OrderState[]).includes(s)
}

export const CODE_STATES = ['in_stock', 'exported', 'sold', 'void'] as const
export type CodeState = (typeof CODE_STATES)[number]

export const APP_MODES = ['demo', 'live'] as const
export type AppMode = (typeof APP_MODES)[number]

/** Columns a CSV export of codes can have, in this order; the person picks which (the code is always in). */
export const EXPORT_COLUMNS = ['product', 'code', 'account', 'order_id', 'upstream_order_id', 'unit_price', 'currency', 'delivered_at'] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]
