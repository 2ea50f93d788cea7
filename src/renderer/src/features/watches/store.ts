// Watched catalog items (catalog.watch / unwatch / watches): after each sync the core compares them with what it saw
// last and sends catalog.changed; the window says each change in a toast and shows the list with the latest state.
import { create } from 'zustand'
import type { CatalogChange, CatalogItemView, WatchKey, WatchView, WatchedState } from '../../../../shared/contract'
import { call } from '../../api'
import { itemName } from '../../format/labels'
import { formatAmount, formatMoney } from '../../format/money'
import { t } from '../../i18n'
import { catalogKey } from '../../model/keys'
import { newestLoad, type Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'

/** How many changes of one sync get a toast each; the rest are counted in one more. */
const MAX_CHANGE_TOASTS = 4

interface WatchesState extends Loadable {
  list: WatchView[]
  /** catalogKey of the items whose watch is being switched. */
  busy: ReadonlySet<string>
  load(): Promise<void>
  isWatched(item: Pick<CatalogItemView, 'accountId' | 'productId' | 'variantId'>): boolean
  toggle(item: Pick<CatalogItemView, 'accountId' | 'productId' | 'variantId' | 'title' | 'variantName'>): Promise<void>
  unwatch(w: WatchView): Promise<void>
  /** A catalog.changed event: one toast per change, then the list again. */
  announce(changes: readonly CatalogChange[]): void
  reset(): void
}

const listLoad = newestLoad(() => useWatches)

function keyOf(k: WatchKey | WatchView): string {
  return catalogKey({ accountId: k.accountId, productId: k.productId, variantId: k.variantId ?? null })
}

export const useWatches = create<WatchesState>()((set, get) => ({
  list: [],
  status: 'idle',
  error: null,
  busy: new Set(),
  async load() {
    await listLoad.run(() => call('catalog.watches', {}), (list) => ({ list }))
  },
  isWatched(item) {
    const key = catalogKey(item)
    return get().list.some((w) => keyOf(w) === key)
  },
  async toggle(item) {
    const key = catalogKey(item)
    if (get().busy.has(key)) return
    const watchKey: WatchKey = { accountId: item.accountId, productId: item.productId, variantId: item.variantId }
    const watched = get().isWatched(item)
    const name = itemName(item)
    set((s) => ({ busy: new Set(s.busy).add(key) }))
    try {
      if (watched) {
        await call('catalog.unwatch', watchKey)
        set((s) => ({ list: s.list.filter((w) => keyOf(w) !== key) }))
        useNotices.getState().push('success', t.watches.unwatched(name))
      } else {
        const view = await call('catalog.watch', watchKey)
        set((s) => ({ list: [...s.list.filter((w) => keyOf(w) !== key), view] }))
        useNotices.getState().push('success', t.watches.watching(name))
      }
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set((s) => {
        const busy = new Set(s.busy)
        busy.delete(key)
        return { busy }
      })
    }
  },
  async unwatch(w) {
    await get().toggle({ accountId: w.accountId, productId: w.productId, variantId: w.variantId, title: w.title, variantName: w.variantName })
  },
  announce(changes) {
    const push = useNotices.getState().push
    for (const c of changes.slice(0, MAX_CHANGE_TOASTS)) push('info', describeChange(c), undefined, 'catalog.changed')
    if (changes.length > MAX_CHANGE_TOASTS) push('info', t.watches.moreChanged(changes.length - MAX_CHANGE_TOASTS), undefined, 'catalog.changed')
    if (get().status !== 'idle') void get().load()
  },
  reset() {
    listLoad.cancel()
    set({ list: [], status: 'idle', error: null, busy: new Set() })
  }
}))

/** "Stock as text": "25", "in stock", "out of stock". */
export function stockText(s: WatchedState): string {
  return !s.inStock ? t.watches.outOfStock : s.stock === null ? t.watches.inStock : String(s.stock)
}

/** "Price of PUBG Mobile 60 UC went from 1.05 to 1.10 USDT (Demo DigetalHube)", and the like for stock. */
export function describeChange(c: CatalogChange): string {
  const { before, after, accountName: account, title } = c
  if (!after) return t.watches.gone(title, account)
  if (!before) return t.watches.appeared(title, formatMoney(after.price), stockText(after), account)
  const priceFrom = before.price.currency === after.price.currency ? formatAmount(before.price.amount) : formatMoney(before.price)
  const priceTo = formatMoney(after.price)
  if (c.priceChanged && c.stockChanged) return t.watches.bothChanged(title, priceFrom, priceTo, stockText(before), stockText(after), account)
  if (c.priceChanged) return t.watches.priceChanged(title, priceFrom, priceTo, account)
  if (!after.inStock) return t.watches.soldOut(title, account)
  if (!before.inStock) return t.watches.backInStock(title, stockText(after), account)
  return t.watches.stockChanged(title, stockText(before), stockText(after), account)
}
