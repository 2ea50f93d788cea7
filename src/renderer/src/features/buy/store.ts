// The basket, its plan (orders.plan), placing it (orders.place) and the live progress of the placed batch.
import { create } from 'zustand'
import { isActiveState } from '../../../../shared/domain'
import type { Basket, CatalogItemView, OrderView, PlanView } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { t } from '../../i18n'
import { checkField, checkQuantity } from './basket-rules'
import { catalogKey } from '../../model/keys'

/** Variants (denominations) of one product at one account share this key. */
export function productKey(item: Pick<CatalogItemView, 'accountId' | 'productId'>): string {
  return `${item.accountId}|${item.productId}`
}

/** How many variants of one product the Buy screen offers (catalog.search's own maximum). */
const VARIANTS_LIMIT = 500

export interface BasketLineDraft {
  /** Stable for the life of the line, also when the person switches to another variant. */
  key: string
  item: CatalogItemView
  /** As typed: checked only when reviewing, so the person can type freely. */
  quantity: string
  fields: Record<string, string>
}

export interface LineErrors {
  quantity?: string
  fields: Record<string, string>
}

export interface Batch {
  batchId: string
  orderIds: string[]
  plan: PlanView
  orders: Record<string, OrderView>
}

interface BuyState {
  lines: BasketLineDraft[]
  /** The line just added from the catalog: its quantity box takes the focus. */
  focusKey: string | null
  errors: Record<string, LineErrors>
  /** Errors not tied to one input (from the core), shown above the buttons. */
  formError: string | null
  plan: PlanView | null
  planning: boolean
  placing: boolean
  batch: Batch | null
  /** Sibling variants per product (productKey), for the variant picker; absent while not loaded. */
  variants: Record<string, CatalogItemView[]>
  add(item: CatalogItemView): void
  loadVariants(item: CatalogItemView): Promise<void>
  setVariant(key: string, item: CatalogItemView): void
  remove(key: string): void
  setQuantity(key: string, quantity: string): void
  setField(key: string, name: string, value: string): void
  review(): Promise<void>
  place(): Promise<void>
  applyOrders(orders: OrderView[]): void
  loadBatch(): Promise<void>
  clearFocus(): void
  newPurchase(): void
  reset(): void
}

function checkLines(lines: BasketLineDraft[]): { basket: Basket | null; errors: Record<string, LineErrors> } {
  const errors: Record<string, LineErrors> = {}
  const out: Basket['lines'] = []
  let bad = false
  for (const line of lines) {
    const e: LineErrors = { fields: {} }
    const q = checkQuantity(line.quantity)
    if (!q.ok) e.quantity = q.message
    const fields: Record<string, string> = {}
    for (const f of line.item.fields) {
      const r = checkField(f, line.fields[f.name] ?? '')
      if (!r.ok) e.fields[f.name] = r.message
      else if (r.value !== '') fields[f.name] = r.value
    }
    if (e.quantity || Object.keys(e.fields).length) {
      errors[line.key] = e
      bad = true
    }
    out.push({
      accountId: line.item.accountId,
      productId: line.item.productId,
      variantId: line.item.variantId,
      quantity: q.ok ? q.value : 0,
      fields
    })
  }
  return { basket: bad ? null : { lines: out }, errors }
}

/** Maps the core's validation `fields` ("lines.0.quantity", "lines.1.fields.player_id") onto the lines. */
function errorsFromCore(lines: BasketLineDraft[], fields: Record<string, string>): { errors: Record<string, LineErrors>; rest: string[] } {
  const errors: Record<string, LineErrors> = {}
  const rest: string[] = []
  for (const [path, message] of Object.entries(fields)) {
    const m = /^lines\.(\d+)\.(quantity|fields\.(.+))$/.exec(path)
    const line = m ? lines[Number(m[1])] : undefined
    if (!m || !line) {
      rest.push(message)
      continue
    }
    const e = (errors[line.key] ??= { fields: {} })
    if (m[3] !== undefined) e.fields[m[3]] = message
    else e.quantity = message
  }
  return { errors, rest }
}

function newer(a: OrderView | undefined, b: OrderView): boolean {
  return !a || b.updatedAt >= a.updatedAt
}

let lineSeq = 0

export const useBuy = create<BuyState>()((set, get) => ({
  lines: [],
  focusKey: null,
  errors: {},
  formError: null,
  plan: null,
  planning: false,
  placing: false,
  batch: null,
  variants: {},
  add(item) {
    const existing = get().lines.find((l) => catalogKey(l.item) === catalogKey(item))
    if (existing) {
      set({ focusKey: existing.key })
      return
    }
    const key = `line-${++lineSeq}`
    set((s) => ({ lines: [...s.lines, { key, item, quantity: '1', fields: {} }], focusKey: key, plan: null }))
    void get().loadVariants(item)
  },
  async loadVariants(item) {
    // Only upstreams with denominations (variantId set) have siblings; the rest never need the call. Fetched
    // afresh for every new line, so prices and stock are those of the latest catalog sync.
    if (item.variantId === null) return
    try {
      const found = await call('catalog.search', { text: item.title, accountId: item.accountId, limit: VARIANTS_LIMIT })
      const siblings = found.filter((i) => i.productId === item.productId && i.variantId !== null)
      if (!siblings.some((i) => i.variantId === item.variantId)) siblings.unshift(item)
      set((s) => ({ variants: { ...s.variants, [productKey(item)]: siblings } }))
    } catch {
      // Without the list the line keeps the variant chosen in the catalog (the picker hides for one option).
      set((s) => ({ variants: { ...s.variants, [productKey(item)]: s.variants[productKey(item)] ?? [item] } }))
    }
  },
  setVariant(key, item) {
    set((s) => {
      const { [key]: _gone, ...errors } = s.errors
      return {
        lines: s.lines.map((l) =>
          l.key === key ? { ...l, item, fields: Object.fromEntries(Object.entries(l.fields).filter(([name]) => item.fields.some((f) => f.name === name))) } : l
        ),
        errors,
        plan: null,
        formError: null
      }
    })
  },
  remove(key) {
    set((s) => {
      const { [key]: _gone, ...errors } = s.errors
      return { lines: s.lines.filter((l) => l.key !== key), errors, plan: null, formError: null }
    })
  },
  setQuantity(key, quantity) {
    set((s) => {
      // Checked as typed, so "-5" or "2.5" is refused at once; an empty box waits for Review.
      const q = checkQuantity(quantity)
      const fields = s.errors[key]?.fields ?? {}
      const line: LineErrors = q.ok || quantity.trim() === '' ? { fields } : { quantity: q.message, fields }
      return {
        lines: s.lines.map((l) => (l.key === key ? { ...l, quantity } : l)),
        plan: null,
        formError: null,
        errors: { ...s.errors, [key]: line }
      }
    })
  },
  setField(key, name, value) {
    set((s) => {
      const e = s.errors[key]
      const errors = e?.fields[name] ? { ...s.errors, [key]: { ...e, fields: { ...e.fields, [name]: '' } } } : s.errors
      return { lines: s.lines.map((l) => (l.key === key ? { ...l, fields: { ...l.fields, [name]: value } } : l)), plan: null, errors, formError: null }
    })
  },
  async review() {
    const { lines } = get()
    const { basket, errors } = checkLines(lines)
    set({ errors, formError: basket ? null : t.buy.fixErrors, plan: null })
    if (!basket) return
    set({ planning: true })
    try {
      const plan = await call('orders.plan', basket)
      // Ignore a plan for a basket that changed while it was being computed.
      if (get().lines === lines) set({ plan })
    } catch (e) {
      const err = toUiError(e)
      const mapped = errorsFromCore(lines, err.fields)
      set({ errors: mapped.errors, formError: Object.keys(mapped.errors).length && !mapped.rest.length ? null : err.message })
    } finally {
      set({ planning: false })
    }
  },
  async place() {
    const { lines, plan, placing } = get()
    if (placing || !plan || !plan.canPlace) return
    const { basket } = checkLines(lines)
    if (!basket) return
    set({ placing: true, formError: null })
    try {
      const r = await call('orders.place', basket)
      set({
        batch: { batchId: r.batchId, orderIds: r.orderIds, plan: r.plan, orders: {} },
        lines: [],
        plan: null,
        errors: {},
        focusKey: null
      })
      await get().loadBatch()
    } catch (e) {
      set({ formError: toUiError(e).message })
    } finally {
      set({ placing: false })
    }
  },
  applyOrders(orders) {
    const batch = get().batch
    if (!batch) return
    const mine = orders.filter((o) => o.batchId === batch.batchId && newer(batch.orders[o.id], o))
    if (!mine.length) return
    set((s) => {
      if (!s.batch || s.batch.batchId !== batch.batchId) return {}
      const next = { ...s.batch.orders }
      for (const o of mine) if (newer(next[o.id], o)) next[o.id] = o
      const ids = [...s.batch.orderIds]
      for (const o of mine) if (!ids.includes(o.id)) ids.push(o.id)
      return { batch: { ...s.batch, orders: next, orderIds: ids } }
    })
  },
  async loadBatch() {
    const batch = get().batch
    if (!batch) return
    try {
      get().applyOrders(await call('orders.list', { batchId: batch.batchId, limit: 1000 }))
    } catch (e) {
      set({ formError: toUiError(e).message })
    }
  },
  clearFocus() {
    set({ focusKey: null })
  },
  newPurchase() {
    set({ batch: null, formError: null })
  },
  reset() {
    set({ lines: [], focusKey: null, errors: {}, formError: null, plan: null, planning: false, placing: false, batch: null, variants: {} })
  }
}))

export interface BatchProgress {
  orders: OrderView[]
  delivered: number
  total: number
  done: boolean
}

export function batchProgress(batch: Batch): BatchProgress {
  const orders = batch.orderIds.map((id) => batch.orders[id]).filter((o): o is OrderView => o !== undefined)
  const planned = batch.plan.lines.reduce((n, l) => n + l.quantity, 0)
  const total = orders.length === batch.orderIds.length ? orders.reduce((n, o) => n + o.quantity, 0) : planned
  const delivered = orders.reduce((n, o) => n + o.deliveredCount, 0)
  const done = orders.length === batch.orderIds.length && orders.length > 0 && orders.every((o) => !isActiveState(o.state))
  return { orders, delivered, total, done }
}
