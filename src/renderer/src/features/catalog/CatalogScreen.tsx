// The catalog of every account: search with cost and sell price, Buy and Watch per product; the watched products
// with their latest price and stock; and the markup rules that make the sell prices (the core computes them).
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { CatalogItemView, MarkupRuleView } from '../../../../shared/schemas'
import { toUiError } from '../../api'
import { Button } from '../../ui/Button'
import { LoadState } from '../../ui/LoadState'
import { SelectField, TextField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Tabs } from '../../ui/Tabs'
import { rowKeyDown } from '../../ui/rowKeys'
import { formatAmount, formatMoney, isDecimalText } from '../../format/money'
import { formatTime, formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useAccounts } from '../accounts'
import { catalogKey } from '../../model/keys'
import { SEARCH_LIMIT, useCatalog, type CatalogTab } from './store'
import { sameCategory, useMarkup } from '../markup'
import { openScreen, useNav } from '../../state/nav'
import { stockText, useWatches } from '../watches'

const DEBOUNCE_MS = 250

function startBuying(item: CatalogItemView): void {
  openScreen('buy', { item })
}

function itemName(item: Pick<CatalogItemView, 'title' | 'variantName'>): string {
  return item.variantName ? `${item.title} — ${item.variantName}` : item.title
}

/** The `/` shortcut's last request this screen has followed (it opens the Products tab). */
let followedSearchToken = 0

export function CatalogScreen() {
  const tab = useCatalog((s) => s.tab)
  const setTab = useCatalog((s) => s.setTab)
  const syncing = useCatalog((s) => s.syncing)
  const sync = useCatalog((s) => s.sync)
  const watchCount = useWatches((s) => s.list.length)
  const ruleCount = useMarkup((s) => s.list.length)
  const focusToken = useNav((s) => s.searchFocusToken)

  useEffect(() => {
    void useCatalog.getState().loadStatus()
    if (useMarkup.getState().status === 'idle') void useMarkup.getState().load()
    if (useWatches.getState().status === 'idle') void useWatches.getState().load()
  }, [])

  useEffect(() => {
    if (focusToken === followedSearchToken) return
    followedSearchToken = focusToken
    setTab('products')
  }, [focusToken, setTab])

  return (
    <div className="screen" data-testid="screen-catalog">
      <ScreenHeader title={t.catalog.title} focusOnMount={false}>
        <Button variant="secondary" onClick={() => void sync()} busy={syncing} busyLabel={t.catalog.syncing} testId="catalog-sync">
          {t.catalog.sync}
        </Button>
      </ScreenHeader>
      <SyncLines />
      <Tabs<CatalogTab>
        label={t.catalog.tabs}
        tabs={[
          { id: 'products', label: t.catalog.tabProducts },
          { id: 'watched', label: t.catalog.tabWatched(watchCount) },
          { id: 'markup', label: t.catalog.tabMarkup(ruleCount) }
        ]}
        current={tab}
        onSelect={setTab}
        testId="catalog-tab"
      >
        {tab === 'products' && <ProductsPanel />}
        {tab === 'watched' && <WatchedPanel />}
        {tab === 'markup' && <MarkupPanel />}
      </Tabs>
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
        <SelectField
          label={t.catalog.account}
          value={accountId}
          onValue={setAccount}
          options={[{ value: '', label: t.catalog.allAccounts }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
          testId="catalog-account"
        />
      </div>

      <LoadState
        status={status}
        error={error}
        onRetry={() => void search()}
        isEmpty={items.length === 0}
        emptyText={accountsReady && accounts.length === 0 ? t.catalog.noAccounts : shownText ? t.catalog.noResults(shownText) : t.catalog.empty}
        emptyTestId="catalog-empty"
      >
        <div className="table-wrap">
          <table className="table table-interactive" data-testid="catalog-table" aria-busy={status === 'loading' || undefined}>
            <thead>
              <tr>
                <th scope="col">{t.catalog.colProduct}</th>
                <th scope="col">{t.catalog.colVariant}</th>
                <th scope="col">{t.catalog.colCategory}</th>
                <th scope="col">{t.catalog.colAccount}</th>
                <th scope="col" className="num">{t.catalog.colPrice}</th>
                <th scope="col" className="num">{t.catalog.colSell}</th>
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
            </tbody>
          </table>
        </div>
        <p className="table-foot muted">
          {items.length >= SEARCH_LIMIT ? t.catalog.truncated(SEARCH_LIMIT) : null} <span>{t.catalog.rowHint}</span>
        </p>
      </LoadState>
    </>
  )
}

function WatchedPanel() {
  const list = useWatches((s) => s.list)
  const status = useWatches((s) => s.status)
  const error = useWatches((s) => s.error)
  const load = useWatches((s) => s.load)
  const busy = useWatches((s) => s.busy)
  const unwatch = useWatches((s) => s.unwatch)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <section className="tab-section" aria-label={t.watches.title} data-testid="watched-panel">
      <p className="muted">{t.watches.intro}</p>
      <LoadState status={status} error={error} onRetry={() => void load()} isEmpty={list.length === 0} emptyText={t.watches.empty} emptyTestId="watched-empty">
        <div className="table-wrap">
          <table className="table" data-testid="watched-table">
            <thead>
              <tr>
                <th scope="col">{t.watches.colProduct}</th>
                <th scope="col">{t.watches.colAccount}</th>
                <th scope="col" className="num">{t.watches.colPrice}</th>
                <th scope="col" className="num">{t.watches.colStock}</th>
                <th scope="col">{t.watches.colChanged}</th>
                <th scope="col">{t.watches.colSince}</th>
                <th scope="col" className="actions-col">
                  <span className="visually-hidden">{t.watches.colAction}</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      </LoadState>
    </section>
  )
}

function MarkupPanel() {
  const rules = useMarkup((s) => s.list)
  const status = useMarkup((s) => s.status)
  const error = useMarkup((s) => s.error)
  const load = useMarkup((s) => s.load)
  const remove = useMarkup((s) => s.remove)
  const removing = useMarkup((s) => s.removing)
  const items = useCatalog((s) => s.items)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <section className="tab-section" aria-label={t.markup.title} data-testid="markup-panel">
      <p className="muted">{t.markup.intro}</p>
      <LoadState status={status} error={error} onRetry={() => void load()} isEmpty={rules.length === 0} emptyText={t.markup.empty} emptyTestId="markup-empty">
        <div className="table-wrap">
          <table className="table" data-testid="markup-table">
            <thead>
              <tr>
                <th scope="col">{t.markup.colAccount}</th>
                <th scope="col">{t.markup.colCategory}</th>
                <th scope="col">{t.markup.colMarkup}</th>
                <th scope="col">{t.markup.colRounding}</th>
                <th scope="col">{t.markup.colExample}</th>
                <th scope="col">{t.markup.colUpdated}</th>
                <th scope="col" className="actions-col">
                  <span className="visually-hidden">{t.markup.colAction}</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      </LoadState>
      <MarkupForm />
    </section>
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

type MarkupErrors = Partial<Record<'accountId' | 'category' | 'value' | 'step', string>>

function MarkupForm() {
  const accounts = useAccounts((s) => s.list)
  const items = useCatalog((s) => s.items)
  const save = useMarkup((s) => s.save)
  const saving = useMarkup((s) => s.saving)
  const suppliers = accounts.filter((a) => a.capabilities.supplier)
  const [accountId, setAccountId] = useState('')
  const [category, setCategory] = useState('')
  const [kind, setKind] = useState<'percent' | 'fixed'>('percent')
  const [value, setValue] = useState('')
  const [step, setStep] = useState('')
  const [mode, setMode] = useState<'up' | 'nearest'>('up')
  const [errors, setErrors] = useState<MarkupErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const chosen = suppliers.find((a) => a.id === accountId) ?? suppliers[0]
  const categories = [...new Set(items.filter((i) => i.accountId === chosen?.id).map((i) => i.category))].sort((a, b) => a.localeCompare(b))
  const listId = 'markup-categories'

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(null)
    if (!chosen) return
    const next: MarkupErrors = {}
    const v = value.trim().replace(',', '.')
    const st = step.trim().replace(',', '.')
    if (!isDecimalText(v)) next.value = t.markup.valueInvalid
    if (st && !(isDecimalText(st) && /[1-9]/.test(st))) next.step = t.markup.stepInvalid
    setErrors(next)
    if (Object.keys(next).length) return
    try {
      await save({ accountId: chosen.id, category: category.trim() || null, kind, value: v, rounding: st ? { step: st, mode } : null })
      setValue('')
      setCategory('')
      setStep('')
    } catch (err) {
      const ui = toUiError(err)
      const mapped: MarkupErrors = {}
      for (const [path, message] of Object.entries(ui.fields)) {
        if (path === 'value') mapped.value = message
        else if (path.startsWith('rounding')) mapped.step = message
        else if (path === 'category') mapped.category = message
        else if (path === 'accountId') mapped.accountId = message
      }
      setErrors(mapped)
      if (!Object.keys(mapped).length) setFormError(ui.message)
    }
  }

  if (suppliers.length === 0) return <p className="muted">{t.markup.noSuppliers}</p>

  return (
    <section className="panel" aria-labelledby="markup-form-title">
      <h2 id="markup-form-title" className="panel-title">
        {t.markup.formTitle}
      </h2>
      <form className="form-grid markup-form" onSubmit={(e) => void submit(e)} noValidate data-testid="markup-form">
        <SelectField
          label={t.markup.account}
          value={chosen?.id ?? ''}
          onValue={setAccountId}
          options={suppliers.map((a) => ({ value: a.id, label: a.name }))}
          error={errors.accountId}
          testId="markup-account"
        />
        <TextField
          label={
            <>
              {t.markup.category} <span className="muted">{t.common.optional}</span>
            </>
          }
          value={category}
          onValue={setCategory}
          list={listId}
          hint={t.markup.categoryHint}
          error={errors.category}
          autoComplete="off"
          maxLength={200}
          testId="markup-category"
        />
        <datalist id={listId}>
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <SelectField
          label={t.markup.kind}
          value={kind}
          onValue={(v) => setKind(v as 'percent' | 'fixed')}
          options={[
            { value: 'percent', label: t.markup.kindPercent },
            { value: 'fixed', label: t.markup.kindFixed }
          ]}
          testId="markup-kind"
        />
        <TextField
          label={t.markup.value}
          value={value}
          onValue={(v) => {
            setValue(v)
            setErrors((e) => ({ ...e, value: undefined }))
          }}
          inputMode="decimal"
          hint={kind === 'percent' ? t.markup.valueHintPercent : t.markup.valueHintFixed(chosen?.currency ?? '')}
          error={errors.value}
          autoComplete="off"
          testId="markup-value-input"
        />
        <TextField
          label={
            <>
              {t.markup.step} <span className="muted">{t.common.optional}</span>
            </>
          }
          value={step}
          onValue={(v) => {
            setStep(v)
            setErrors((e) => ({ ...e, step: undefined }))
          }}
          inputMode="decimal"
          hint={t.markup.stepHint}
          error={errors.step}
          autoComplete="off"
          testId="markup-step"
        />
        <SelectField
          label={t.markup.mode}
          value={mode}
          onValue={(v) => setMode(v as 'up' | 'nearest')}
          options={[
            { value: 'up', label: t.markup.modeUp },
            { value: 'nearest', label: t.markup.modeNearest }
          ]}
          disabled={!step.trim()}
          testId="markup-mode"
        />
        <div className="form-actions span-3">
          {formError && (
            <div className="alert alert-error" role="alert" data-testid="markup-error">
              {formError}
            </div>
          )}
          <Button type="submit" variant="primary" busy={saving} busyLabel={t.common.saving} testId="markup-save">
            {t.markup.save}
          </Button>
          <span className="muted small">{t.markup.formHint}</span>
        </div>
      </form>
    </section>
  )
}
