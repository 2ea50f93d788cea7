import { useEffect, useRef, useState } from 'react'
import type { CatalogItemView } from '../../../shared/schemas'
import { Button } from '../components/Button'
import { SelectField, TextField } from '../components/Field'
import { Money } from '../components/Money'
import { Pill } from '../components/StatePill'
import { ScreenHeader } from '../components/ScreenHeader'
import { rowKeyDown } from '../components/rowKeys'
import { t } from '../i18n'
import { useAccounts } from '../store/accounts'
import { useBuy } from '../store/buy'
import { catalogKey, SEARCH_LIMIT, useCatalog } from '../store/catalog'
import { useNav } from '../store/nav'

const DEBOUNCE_MS = 250

function startBuying(item: CatalogItemView): void {
  useBuy.getState().add(item)
  useNav.getState().go('buy')
}

export function CatalogScreen() {
  const text = useCatalog((s) => s.text)
  const setText = useCatalog((s) => s.setText)
  const accountId = useCatalog((s) => s.accountId)
  const setAccount = useCatalog((s) => s.setAccount)
  const items = useCatalog((s) => s.items)
  const status = useCatalog((s) => s.status)
  const error = useCatalog((s) => s.error)
  const shownText = useCatalog((s) => s.shownText)
  const syncing = useCatalog((s) => s.syncing)
  const syncResult = useCatalog((s) => s.syncResult)
  const search = useCatalog((s) => s.search)
  const sync = useCatalog((s) => s.sync)
  const accounts = useAccounts((s) => s.list)
  const accountsReady = useAccounts((s) => s.status === 'ready')
  const focusToken = useNav((s) => s.searchFocusToken)
  const searchRef = useRef<HTMLInputElement>(null)
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  // Roving focus: the table is one Tab stop; arrows move between rows.
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const first = items[0]
  const rovingKey = items.some((i) => catalogKey(i) === activeKey) ? activeKey : first ? catalogKey(first) : null

  useEffect(() => {
    if (useCatalog.getState().status === 'idle') void search()
  }, [search])

  useEffect(() => {
    const timer = setTimeout(() => {
      const s = useCatalog.getState()
      if (s.status !== 'idle' && text.trim() !== s.shownText) void search()
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, search])

  useEffect(() => {
    searchRef.current?.focus()
    searchRef.current?.select()
  }, [focusToken])

  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? id
  // Digiseller is the shop's own storefront: its items are shown, never bought.
  const isSupplier = (accountId: string) => accounts.find((a) => a.id === accountId)?.capabilities.supplier ?? true

  return (
    <div className="screen" data-testid="screen-catalog">
      <ScreenHeader title={t.catalog.title} focusOnMount={false}>
        <Button variant="secondary" onClick={() => void sync()} busy={syncing} busyLabel={t.catalog.syncing} testId="catalog-sync">
          {t.catalog.sync}
        </Button>
      </ScreenHeader>

      <div className="toolbar" role="search">
        <TextField
          ref={searchRef}
          label={t.catalog.search}
          type="search"
          value={text}
          onValue={setText}
          placeholder={t.catalog.searchPlaceholder}
          testId="catalog-search"
          fieldClassName="grow"
          autoComplete="off"
          spellCheck={false}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              void search()
            } else if (e.key === 'ArrowDown') {
              const row = bodyRef.current?.querySelector<HTMLElement>('tr')
              if (row) {
                e.preventDefault()
                row.focus()
              }
            }
          }}
        />
        <SelectField
          label={t.catalog.account}
          value={accountId}
          onValue={setAccount}
          options={[{ value: '', label: t.catalog.allAccounts }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
          testId="catalog-account"
        />
      </div>

      <div role="status" aria-live="polite" className="status-line" data-testid="catalog-sync-result">
        {syncResult && (
          <>
            <span>{t.catalog.synced(syncResult.items)}</span>
            {syncResult.failed.map((f) => (
              <span key={f.accountId} className="text-bad">
                {t.catalog.syncFailed(accountName(f.accountId), f.message)}
              </span>
            ))}
          </>
        )}
      </div>

      {status === 'failed' && error && (
        <div className="alert alert-error" role="alert">
          {error} <Button size="sm" onClick={() => void search()}>{t.common.retry}</Button>
        </div>
      )}

      {status === 'ready' && items.length === 0 && (
        <p className="empty" data-testid="catalog-empty">
          {accountsReady && accounts.length === 0 ? t.catalog.noAccounts : shownText ? t.catalog.noResults(shownText) : t.catalog.empty}
        </p>
      )}

      {items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table table-interactive" data-testid="catalog-table" aria-busy={status === 'loading' || undefined}>
              <thead>
                <tr>
                  <th scope="col">{t.catalog.colProduct}</th>
                  <th scope="col">{t.catalog.colVariant}</th>
                  <th scope="col">{t.catalog.colCategory}</th>
                  <th scope="col">{t.catalog.colAccount}</th>
                  <th scope="col" className="num">{t.catalog.colPrice}</th>
                  <th scope="col" className="num">{t.catalog.colStock}</th>
                  <th scope="col" className="actions-col">
                    <span className="visually-hidden">{t.catalog.colAction}</span>
                  </th>
                </tr>
              </thead>
              <tbody ref={bodyRef}>
                {items.map((item) => {
                  const key = catalogKey(item)
                  const supplier = isSupplier(item.accountId)
                  const canBuy = supplier && item.inStock
                  return (
                    <tr
                      key={key}
                      tabIndex={key === rovingKey ? 0 : -1}
                      onFocus={() => setActiveKey(key)}
                      onKeyDown={rowKeyDown(canBuy ? () => startBuying(item) : undefined)}
                      onDoubleClick={() => canBuy && startBuying(item)}
                      className={item.inStock ? undefined : 'row-muted'}
                      data-testid="catalog-row"
                      data-key={key}
                      data-account-id={item.accountId}
                      data-product-id={item.productId}
                      data-variant-id={item.variantId ?? ''}
                      data-in-stock={item.inStock}
                    >
                      <td title={item.description || undefined}>
                        <span className="strong">{item.title}</span>
                      </td>
                      <td>{item.variantName ?? t.common.none}</td>
                      <td className="muted">{item.category}</td>
                      <td>{item.accountName}</td>
                      <td className="num">
                        <Money value={item.price} />
                      </td>
                      <td className="num" data-testid="catalog-stock">
                        {!item.inStock ? (
                          <Pill tone="bad">{t.catalog.outOfStock}</Pill>
                        ) : item.stock !== null ? (
                          t.catalog.stockCount(item.stock)
                        ) : (
                          <Pill tone="ok">{t.catalog.inStock}</Pill>
                        )}
                      </td>
                      <td className="actions-col">
                        {supplier ? (
                          <Button
                            size="sm"
                            variant="primary"
                            tabIndex={-1}
                            disabled={!canBuy}
                            onClick={() => startBuying(item)}
                            aria-label={t.catalog.buyLabel(item.variantName ? `${item.title} ${item.variantName}` : item.title)}
                            testId="catalog-buy"
                          >
                            {t.catalog.buy}
                          </Button>
                        ) : (
                          <Pill tone="neutral" title={t.catalog.storefrontTitle} testId="catalog-storefront">
                            {t.catalog.storefront}
                          </Pill>
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <p className="table-foot muted">
            {items.length >= SEARCH_LIMIT ? t.catalog.truncated(SEARCH_LIMIT) : null} <span>{t.catalog.rowHint}</span>
          </p>
        </>
      )}
    </div>
  )
}
