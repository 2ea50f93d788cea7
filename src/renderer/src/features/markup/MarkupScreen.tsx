// The markup rules that make the sell prices beside each cost in the catalog (the core computes them), each with an
// example from the catalog shown, and the form to add or change one.
import { useEffect } from 'react'
import type { CatalogItemView, MarkupRuleView } from '../../../../shared/contract'
import { itemName } from '../../format/labels'
import { formatAmount, formatMoney } from '../../format/money'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useLoadedList } from '../../state/list-store'
import { Button } from '../../ui/Button'
import { DataTable, type Column } from '../../ui/DataTable'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { useCatalog } from '../catalog'
import { MarkupForm } from './MarkupForm'
import { sameCategory, useMarkup } from './store'

export function MarkupScreen() {
  const rules = useMarkup((s) => s.list)
  const remove = useMarkup((s) => s.remove)
  const removing = useMarkup((s) => s.removing)
  const items = useCatalog((s) => s.items)
  const loading = useLoadedList(useMarkup)
  const columns: Column[] = [
    { label: t.markup.colAccount },
    { label: t.markup.colCategory },
    { label: t.markup.colMarkup },
    { label: t.markup.colRounding },
    { label: t.markup.colExample },
    { label: t.markup.colUpdated },
    { label: t.markup.colAction, kind: 'actions' }
  ]

  // The examples and the category suggestions come from the catalog's search: run its first one if nobody has yet.
  useEffect(() => {
    if (useCatalog.getState().status === 'idle') void useCatalog.getState().search()
  }, [])

  return (
    <div className="screen" data-testid="screen-markup">
      <ScreenHeader title={t.markup.title} />
      <p className="screen-intro muted">{t.markup.intro}</p>
      <DataTable {...loading} isEmpty={rules.length === 0} emptyText={t.markup.empty} emptyTestId="markup-empty" columns={columns} testId="markup-table">
        {rules.map((r) => {
          const example = exampleFor(r, rules, items)
          const category = r.category ?? t.markup.allCategories
          return (
            <tr key={r.id} data-testid="markup-row" data-account-id={r.accountId} data-category={r.category ?? ''}>
              <td className="strong">{r.accountName}</td>
              <td>{r.category ?? <span className="muted">{t.markup.allCategories}</span>}</td>
              <td className="nowrap" data-testid="markup-value">
                {r.kind === 'percent' ? t.markup.percent(r.value) : t.markup.fixed(formatAmount(r.value), r.currency)}
              </td>
              <td>{r.rounding ? (r.rounding.mode === 'up' ? t.markup.roundUp(r.rounding.step) : t.markup.roundNearest(r.rounding.step)) : <span className="muted">{t.markup.noRounding}</span>}</td>
              <td data-testid="markup-example">
                {example?.sellPrice ? t.markup.example(itemName(example), formatMoney(example.price), formatMoney(example.sellPrice)) : <span className="muted">{t.markup.noExample}</span>}
              </td>
              <td className="nowrap muted" title={formatTimeFull(r.updatedAt)}>
                {formatTime(r.updatedAt)}
              </td>
              <td className="actions-col">
                <Button size="sm" variant="ghost" busy={removing === r.id} onClick={() => void remove(r)} aria-label={t.markup.removeLabel(r.accountName, category)} testId="markup-remove">
                  {t.markup.remove}
                </Button>
              </td>
            </tr>
          )
        })}
      </DataTable>
      <MarkupForm />
    </div>
  )
}

/**
 * A product the rule prices, from the catalog search shown, with the core's own sell price: an example that needs
 * no arithmetic here. An account-wide rule is shown on a product whose category has no rule of its own.
 */
function exampleFor(rule: MarkupRuleView, rules: readonly MarkupRuleView[], items: readonly CatalogItemView[]): CatalogItemView | undefined {
  const ownCategories = rules.filter((r) => r.accountId === rule.accountId && r.category !== null).map((r) => r.category)
  return items.find(
    (i) =>
      i.accountId === rule.accountId &&
      i.sellPrice &&
      (rule.category === null ? !ownCategories.some((c) => sameCategory(c, i.category)) : sameCategory(rule.category, i.category))
  )
}
