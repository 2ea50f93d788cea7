// Adding or changing a markup rule: the account, an optional category (offered from the catalog shown), percent or
// fixed, and the rounding. The core checks it again; what it refuses is shown on the box it belongs to.
import { useState, type FormEvent } from 'react'
import { toUiError } from '../../api'
import { isDecimalText } from '../../format/money'
import { t } from '../../i18n'
import { Button } from '../../ui/Button'
import { SelectField, TextField } from '../../ui/Field'
import { useAccounts } from '../accounts'
import { useCatalog } from '../catalog'
import { useMarkup } from './store'

type MarkupErrors = Partial<Record<'accountId' | 'category' | 'value' | 'step', string>>

export function MarkupForm() {
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
          label={t.markup.category}
          optional
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
          label={t.markup.step}
          optional
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

