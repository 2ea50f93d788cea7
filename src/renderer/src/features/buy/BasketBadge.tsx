// The basket's size beside "Buy" in the sidebar, once something is in it.
import { t } from '../../i18n'
import { useBuy } from './store'

export function BasketBadge() {
  const basket = useBuy((s) => s.lines.length)
  if (basket === 0) return null
  return (
    <span className="nav-badge" aria-label={t.nav.basketCount(basket)} data-testid="nav-basket-count">
      {basket}
    </span>
  )
}
