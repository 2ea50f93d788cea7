// The basket as a form: one block per product with its quantity, its variant and the inputs the supplier asks for
// (player ids); Review asks the core for a plan.
import { useEffect, useRef, type FormEvent } from 'react'
import type { CatalogItemView } from '../../../../shared/contract'
import { Button } from '../../ui/Button'
import { SelectField, TextField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { Pill } from '../../ui/StatePill'
import { formatMoney } from '../../format/money'
import { t } from '../../i18n'
import { catalogKey } from '../../model/keys'
import { productKey, useBuy, type BasketLineDraft } from './store'
import { useNav } from '../../state/nav'

export function BasketForm({ lines }: { lines: BasketLineDraft[] }) {
  const review = useBuy((s) => s.review)
  const planning = useBuy((s) => s.planning)
  const formError = useBuy((s) => s.formError)
  const plan = useBuy((s) => s.plan)

  function submit(e: FormEvent) {
    e.preventDefault()
    void review()
  }

  return (
    <form className="basket" onSubmit={submit} noValidate data-testid="buy-form">
      {lines.map((line, i) => (
        <BasketLine key={line.key} line={line} index={i} />
      ))}
      {formError && !plan && (
        <div className="alert alert-error" role="alert" data-testid="buy-error">
          {formError}
        </div>
      )}
      <div className="form-actions">
        <Button type="submit" variant={plan ? 'secondary' : 'primary'} busy={planning} busyLabel={t.buy.reviewing} testId="buy-review">
          {t.buy.review}
        </Button>
        <Button variant="ghost" onClick={() => useNav.getState().go('catalog')} testId="buy-add-another">
          {t.buy.addAnother}
        </Button>
      </div>
    </form>
  )
}

function BasketLine({ line, index }: { line: BasketLineDraft; index: number }) {
  const errors = useBuy((s) => s.errors[line.key])
  const focusKey = useBuy((s) => s.focusKey)
  const setQuantity = useBuy((s) => s.setQuantity)
  const setField = useBuy((s) => s.setField)
  const remove = useBuy((s) => s.remove)
  const setVariant = useBuy((s) => s.setVariant)
  const { item } = line
  const variants = useBuy((s) => (item.variantId === null ? undefined : s.variants[productKey(item)]))
  const qtyRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (focusKey === line.key) {
      qtyRef.current?.focus()
      qtyRef.current?.select()
      useBuy.getState().clearFocus()
    }
  }, [focusKey, line.key])

  return (
    <section className="panel basket-line" aria-label={t.buy.line(index + 1)} data-testid="basket-line" data-key={line.key} data-index={index}>
      <div className="basket-line-head">
        <div>
          <div className="basket-title strong" data-testid="basket-title">
            {item.title}
            {item.variantName && (
              <span className="muted">
                {t.buy.separator}
                {item.variantName}
              </span>
            )}
          </div>
          <div className="muted small">
            {item.accountName}
            {t.buy.separator}
            {t.buy.unitPriceLabel} <Money value={item.price} />
            {!item.inStock && (
              <>
                {' '}
                <Pill tone="bad">{t.buy.outOfStock}</Pill>
              </>
            )}
          </div>
        </div>
        <Button size="sm" variant="ghost" onClick={() => remove(line.key)} testId="basket-remove">
          {t.buy.removeLine}
        </Button>
      </div>
      <div className="basket-inputs">
        {item.variantId !== null && <VariantPicker item={item} variants={variants} onPick={(v) => setVariant(line.key, v)} />}
        <TextField
          ref={qtyRef}
          label={t.buy.quantity}
          value={line.quantity}
          onValue={(v) => setQuantity(line.key, v)}
          inputMode="numeric"
          autoComplete="off"
          hint={t.buy.quantityHint(item.maxPerOrder)}
          error={errors?.quantity}
          testId="buy-quantity"
          fieldClassName="qty-field"
        />
        {item.fields.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            optional={!f.required}
            value={line.fields[f.name] ?? ''}
            onValue={(v) => setField(line.key, f.name, v)}
            required={f.required}
            autoComplete="off"
            error={errors?.fields[f.name] || undefined}
            testId={`buy-field-${f.name}`}
          />
        ))}
      </div>
    </section>
  )
}

/** Another denomination of the same product at the same account, with each one's price and stock. */
function VariantPicker({ item, variants, onPick }: { item: CatalogItemView; variants: CatalogItemView[] | undefined; onPick(v: CatalogItemView): void }) {
  if (!variants) {
    return <p className="muted small variant-loading">{t.buy.variantsLoading}</p>
  }
  if (variants.length < 2) return null
  const current = catalogKey(item)
  return (
    <SelectField
      label={t.buy.variant}
      value={current}
      onValue={(key) => {
        const next = variants.find((v) => catalogKey(v) === key)
        if (next) onPick(next)
      }}
      options={variants.map((v) => ({
        value: catalogKey(v),
        label: t.buy.variantOption(v.variantName ?? v.variantId ?? '', formatMoney(v.price), t.buy.variantStock(v.stock, v.inStock)),
        disabled: !v.inStock && catalogKey(v) !== current
      }))}
      testId="buy-variant"
      fieldClassName="variant-field"
    />
  )
}
