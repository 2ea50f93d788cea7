// Keys for rows the core identifies by several fields. Shared by the features that list catalog items (catalog,
// watches, buy), so none of them has to import another for it.
import type { CatalogItemView } from '../../../shared/contract'

/** One catalog item (a product, or one variant of it) at one account. */
export function catalogKey(item: Pick<CatalogItemView, 'accountId' | 'productId' | 'variantId'>): string {
  return `${item.accountId}|${item.productId}|${item.variantId ?? ''}`
}
