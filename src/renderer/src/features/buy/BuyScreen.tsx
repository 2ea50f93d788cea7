// Buy: the basket, its plan and the purchase once placed. A product arrives here from the catalog's Buy.
import { useState } from 'react'
import { Button } from '../../ui/Button'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { t } from '../../i18n'
import { useBuy } from './store'
import { useNav } from '../../state/nav'
import { BasketForm } from './BasketForm'
import { PlanPanel } from './PlanPanel'
import { BatchPanel } from './BatchPanel'

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
