// The watched products with their latest price and stock, and when each last changed. Products are watched from the
// catalog (Watch on a row, or W); a change found by a catalog sync is also said in a toast.
import { formatTime, formatTimeFull } from '../../format/time'
import { itemName } from '../../format/labels'
import { t } from '../../i18n'
import { catalogKey } from '../../model/keys'
import { useLoadedList } from '../../state/list-store'
import { Button } from '../../ui/Button'
import { DataTable, type Column } from '../../ui/DataTable'
import { Money } from '../../ui/Money'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Pill } from '../../ui/StatePill'
import { stockText, useWatches } from './store'

export function WatchesScreen() {
  const list = useWatches((s) => s.list)
  const busy = useWatches((s) => s.busy)
  const unwatch = useWatches((s) => s.unwatch)
  const loading = useLoadedList(useWatches)
  const columns: Column[] = [
    { label: t.watches.colProduct },
    { label: t.watches.colAccount },
    { label: t.watches.colPrice, kind: 'num' },
    { label: t.watches.colStock, kind: 'num' },
    { label: t.watches.colChanged },
    { label: t.watches.colSince },
    { label: t.watches.colAction, kind: 'actions' }
  ]

  return (
    <div className="screen" data-testid="screen-watches">
      <ScreenHeader title={t.watches.title} />
      <p className="screen-intro muted">{t.watches.intro}</p>
      <DataTable {...loading} isEmpty={list.length === 0} emptyText={t.watches.empty} emptyTestId="watched-empty" columns={columns} testId="watched-table">
        {list.map((w) => {
          const key = catalogKey({ accountId: w.accountId, productId: w.productId, variantId: w.variantId })
          const name = itemName(w)
          return (
            <tr key={key} data-testid="watch-row" data-account-id={w.accountId} data-product-id={w.productId} data-stock={w.current?.stock ?? ''} data-changed={w.lastChangedAt ?? ''}>
              <td className="strong">{name}</td>
              <td>{w.accountName}</td>
              <td className="num" data-testid="watch-price">
                {w.current ? <Money value={w.current.price} /> : <span className="muted">{t.watches.notInCatalog}</span>}
              </td>
              <td className="num" data-testid="watch-stock">
                {w.current ? w.current.inStock ? stockText(w.current) : <Pill tone="bad">{t.catalog.outOfStock}</Pill> : t.common.none}
              </td>
              <td className="nowrap" data-testid="watch-changed" title={w.lastChangedAt ? formatTimeFull(w.lastChangedAt) : undefined}>
                {w.lastChangedAt ? formatTime(w.lastChangedAt) : <span className="muted">{t.watches.noChange}</span>}
              </td>
              <td className="nowrap muted" title={formatTimeFull(w.watchedAt)}>
                {formatTime(w.watchedAt)}
              </td>
              <td className="actions-col">
                <Button size="sm" variant="ghost" busy={busy.has(key)} onClick={() => void unwatch(w)} aria-label={t.watches.unwatchLabel(name)} testId="watch-remove">
                  {t.watches.unwatch}
                </Button>
              </td>
            </tr>
          )
        })}
      </DataTable>
    </div>
  )
}
