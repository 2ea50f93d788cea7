// The catalog of every account: search with cost and sell price, Buy and Watch per product, Sync, and when each
// supplier's catalog was last refreshed. The watched products and the markup rules have screens of their own.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { CatalogItemView } from '../../../../shared/contract'
import { itemName } from '../../format/labels'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { catalogKey } from '../../model/keys'
import { openScreen, useNav } from '../../state/nav'
import { Button } from '../../ui/Button'
import { DataTable, type Column } from '../../ui/DataTable'
import { TextField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { rowKeyDown } from '../../ui/rowKeys'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Pill } from '../../ui/StatePill'
import { AccountFilter, useAccounts } from '../accounts'
import { useWatches } from '../watches'
import { SEARCH_LIMIT, useCatalog } from './store'

const DEBOUNCE_MS = 250

function startBuying(item: CatalogItemView): void {
  openScreen('buy', { item })
}

export function CatalogScreen() {
  const syncing = useCatalog((s) => s.syncing)
  const sync = useCatalog((s) => s.sync)

  useEffect(() => {
    void useCatalog.getState().loadStatus()
    if (useWatches.getState().status === 'idle') void useWatches.getState().load()
  }, [])

  return (
    <div className="screen" data-testid="screen-catalog">
      <ScreenHeader title={t.catalog.title} focusOnMount={false}>
        <Button variant="secondary" onClick={() => void sync()} busy={syncing} busyLabel={t.catalog.syncing} testId="catalog-sync">
          {t.catalog.sync}
        </Button>
      </ScreenHeader>
      <SyncLines />
      <ProductsPanel />
    </div>
  )
}

/** The result of the last Sync, and when each supplier's catalog was last refreshed (daily, or on demand). */
function SyncLines() {
  const syncResult = useCatalog((s) => s.syncResult)
  const syncStatus = useCatalog((s) => s.syncStatus)
  const accounts = useAccounts((s) => s.list)
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? id
  return (
    <>
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
      {syncStatus.length > 0 && (
        <p className="status-line sync-status muted" data-testid="catalog-sync-status">
          <span>{t.catalog.lastSynced}</span>
          {syncStatus.map((st) => (
            <span
              key={st.accountId}
              className={`sync-account${st.lastError ? ' text-bad' : ''}`}
              title={st.lastError ? t.catalog.syncError(st.accountName, st.lastError) : st.nextSyncAt ? t.catalog.nextSync(formatTimeFull(st.nextSyncAt)) : undefined}
              data-testid="catalog-sync-account"
              data-account-id={st.accountId}
              data-last-sync={st.lastSyncAt ?? ''}
              data-error={st.lastError ? 'true' : 'false'}
            >
              {t.catalog.syncedAt(st.accountName, st.lastSyncAt ? formatTime(st.lastSyncAt) : t.catalog.neverSynced)}
            </span>
          ))}
        </p>
      )}
    </>
  )
}

function ProductsPanel() {
  const text = useCatalog((s) => s.text)
  const setText = useCatalog((s) => s.setText)
  const accountId = useCatalog((s) => s.accountId)
  const setAccount = useCatalog((s) => s.setAccount)
  const items = useCatalog((s) => s.items)
  const status = useCatalog((s) => s.status)
  const error = useCatalog((s) => s.error)
  const shownText = useCatalog((s) => s.shownText)
  const search = useCatalog((s) => s.search)
  const accounts = useAccounts((s) => s.list)
  const accountsReady = useAccounts((s) => s.status === 'ready')
  const watches = useWatches((s) => s.list)
  const watchBusy = useWatches((s) => s.busy)
  const toggleWatch = useWatches((s) => s.toggle)
  const focusToken = useNav((s) => s.searchFocusToken)
  const searchRef = useRef<HTMLInputElement>(null)
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  // Roving focus: the table is one Tab stop; arrows move between rows.
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const first = items[0]
  const rovingKey = items.some((i) => catalogKey(i) === activeKey) ? activeKey : first ? catalogKey(first) : null
  const watched = new Set(watches.map((w) => catalogKey({ accountId: w.accountId, productId: w.productId, variantId: w.variantId })))

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

  // Digiseller is the shop's own storefront: its items are shown, never bought.
  const isSupplier = (accountId: string) => accounts.find((a) => a.id === accountId)?.capabilities.supplier ?? true
  const columns: Column[] = [
    { label: t.catalog.colProduct },
    { label: t.catalog.colVariant },
    { label: t.catalog.colCategory },
    { label: t.catalog.colAccount },
    { label: t.catalog.colPrice, kind: 'num' },
    { label: t.catalog.colSell, kind: 'num' },
    { label: t.catalog.colStock, kind: 'num' },
    { label: t.catalog.colAction, kind: 'actions' }
  ]

  return (
    <>
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
        <AccountFilter label={t.catalog.account} anyLabel={t.catalog.allAccounts} value={accountId} onValue={setAccount} testId="catalog-account" />
      </div>

      <DataTable
        status={status}
        error={error}
        onRetry={() => void search()}
        isEmpty={items.length === 0}
        emptyText={accountsReady && accounts.length === 0 ? t.catalog.noAccounts : shownText ? t.catalog.noResults(shownText) : t.catalog.empty}
        emptyTestId="catalog-empty"
        columns={columns}
        testId="catalog-table"
        interactive
        bodyRef={bodyRef}
        foot={
          <p className="table-foot muted">
            {items.length >= SEARCH_LIMIT ? t.catalog.truncated(SEARCH_LIMIT) : null} <span>{t.catalog.rowHint}</span>
          </p>
        }
      >
        {items.map((item) => {
          const key = catalogKey(item)
          const supplier = isSupplier(item.accountId)
          const canBuy = supplier && item.inStock
          const isWatched = watched.has(key)
          const onKeys = rowKeyDown(canBuy ? () => startBuying(item) : undefined)
          return (
            <tr
              key={key}
              tabIndex={key === rovingKey ? 0 : -1}
              onFocus={() => setActiveKey(key)}
              onKeyDown={(e: KeyboardEvent<HTMLTableRowElement>) => {
                if (e.target === e.currentTarget && supplier && (e.key === 'w' || e.key === 'W') && !e.ctrlKey && !e.metaKey && !e.altKey) {
                  e.preventDefault()
                  void toggleWatch(item)
                  return
                }
                onKeys(e)
              }}
              onDoubleClick={() => canBuy && startBuying(item)}
              className={item.inStock ? undefined : 'row-muted'}
              data-testid="catalog-row"
              data-key={key}
              data-account-id={item.accountId}
              data-product-id={item.productId}
              data-variant-id={item.variantId ?? ''}
              data-in-stock={item.inStock}
              data-watched={isWatched}
            >
              <td title={item.description || undefined}>
                <span className="strong">{item.title}</span>
              </td>
              <td>{item.variantName ?? t.common.none}</td>
              <td className="muted">{item.category}</td>
              <td>{item.accountName}</td>
              <td className="num">
                <Money value={item.price} testId="catalog-price" />
              </td>
              <td className="num" data-testid="catalog-sell">
                {item.sellPrice ? (
                  <Money value={item.sellPrice} className="sell-price" />
                ) : (
                  <span className="muted" title={t.catalog.noSellPrice}>
                    {t.common.none}
                  </span>
                )}
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
                  <span className="row-actions">
                    <Button
                      size="sm"
                      variant="ghost"
                      tabIndex={-1}
                      className={isWatched ? 'watch-on' : undefined}
                      aria-pressed={isWatched}
                      busy={watchBusy.has(key)}
                      onClick={() => void toggleWatch(item)}
                      aria-label={t.catalog.watchLabel(itemName(item))}
                      testId="catalog-watch"
                    >
                      {isWatched ? t.catalog.watching : t.catalog.watch}
                    </Button>
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
                  </span>
                ) : (
                  <Pill tone="neutral" title={t.catalog.storefrontTitle} testId="catalog-storefront">
                    {t.catalog.storefront}
                  </Pill>
                )}
              </td>
            </tr>
          )
        })}
      </DataTable>
    </>
  )
}

