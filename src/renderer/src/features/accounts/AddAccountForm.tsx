// Adding a supplier account (or the storefront): the supplier, a name, its address, the credentials it asks for, and
// optionally the warning level, the currency and the timing. The new account's connection is tested at once.
import { useState, type FormEvent } from 'react'
import { PROVIDER_KINDS, type ProviderKind } from '../../../../shared/domain'
import { t } from '../../i18n'
import { buildCredentials, CREDENTIAL_INPUT, PROVIDER_FORMS, type CredentialField } from '../../providers'
import { Button } from '../../ui/Button'
import { SelectField, TextField } from '../../ui/Field'
import { EMPTY_TIMING, FormErrorList, ThresholdField, TimingFields, useAccountForm, type SettingsPatch } from './account-form'
import { useAccounts } from './store'

const EMPTY_CREDS: Record<CredentialField, string> = { apiKey: '', email: '', password: '', sellerId: '' }

export function AddAccountForm() {
  const add = useAccounts((s) => s.add)
  const [kind, setKind] = useState<ProviderKind>('digetalhube')
  const [name, setName] = useState(t.providers.digetalhube)
  const [nameTouched, setNameTouched] = useState(false)
  const [baseUrl, setBaseUrl] = useState(PROVIDER_FORMS.digetalhube.defaultBaseUrl)
  const [currency, setCurrency] = useState('')
  const [creds, setCreds] = useState<Record<CredentialField, string>>(EMPTY_CREDS)
  const form = useAccountForm({ threshold: '', timing: EMPTY_TIMING })
  const { errors } = form

  function changeKind(next: ProviderKind) {
    // Prefill what the person has not typed themselves; never carry secrets from one kind to another.
    if (!nameTouched) setName(t.providers[next])
    if (baseUrl === PROVIDER_FORMS[kind].defaultBaseUrl || baseUrl.trim() === '') setBaseUrl(PROVIDER_FORMS[next].defaultBaseUrl)
    setKind(next)
    setCreds(EMPTY_CREDS)
    form.setErrors({})
    form.setFormError([])
  }

  function submit(ev: FormEvent) {
    ev.preventDefault()
    void form.submit(
      (e) => {
        if (!name.trim()) e.name = t.accounts.required
        if (!baseUrl.trim()) e.baseUrl = t.accounts.required
        for (const f of PROVIDER_FORMS[kind].credentials) if (!creds[f].trim()) e[f] = t.accounts.required
      },
      async (settings) => {
        // Only what the person set: everything else keeps the supplier's documented value.
        const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== null)) as Partial<SettingsPatch>
        await add({
          name: name.trim(),
          baseUrl: baseUrl.trim(),
          credentials: buildCredentials(kind, creds),
          ...(currency.trim() ? { currency: currency.trim() } : {}),
          ...(Object.keys(given).length ? { settings: given } : {})
        })
        setCreds(EMPTY_CREDS)
        setName(t.providers[kind])
        setNameTouched(false)
        setCurrency('')
        form.clear()
      }
    )
  }

  return (
    <section className="panel" aria-labelledby="add-account-title">
      <h2 id="add-account-title" className="panel-title">
        {t.accounts.addTitle}
      </h2>
      <form className="form-grid" onSubmit={submit} data-testid="add-account-form" noValidate>
        <SelectField
          label={t.accounts.kind}
          value={kind}
          onValue={(v) => changeKind(v as ProviderKind)}
          options={PROVIDER_KINDS.map((k) => ({ value: k, label: t.providers[k] }))}
          testId="account-kind"
        />
        <TextField
          label={t.accounts.name}
          value={name}
          onValue={(v) => {
            setName(v)
            setNameTouched(true)
          }}
          placeholder={t.accounts.namePlaceholder}
          error={errors.name}
          testId="account-name"
          maxLength={80}
        />
        <TextField
          label={t.accounts.baseUrl}
          value={baseUrl}
          onValue={setBaseUrl}
          type="url"
          hint={t.accounts.baseUrlHint}
          placeholder={PROVIDER_FORMS[kind].defaultBaseUrl || t.accounts.baseUrlPlaceholderTenant}
          error={errors.baseUrl}
          testId="account-base-url"
          fieldClassName="span-2"
          spellCheck={false}
        />
        <fieldset className="fieldset span-3">
          <legend>{t.accounts.credentials}</legend>
          <p className="field-hint">{t.accounts.credentialsHint}</p>
          <div className="form-grid-inner">
            {PROVIDER_FORMS[kind].credentials.map((f) => (
              <TextField
                key={`${kind}-${f}`}
                label={t.accounts[f]}
                type={CREDENTIAL_INPUT[f].type}
                autoComplete={CREDENTIAL_INPUT[f].autoComplete}
                value={creds[f]}
                onValue={(v) => setCreds((c) => ({ ...c, [f]: v }))}
                error={errors[f]}
                testId={`account-${f}`}
                spellCheck={false}
              />
            ))}
          </div>
        </fieldset>
        <ThresholdField form={form} label={t.accounts.threshold} testId="account-threshold" />
        <TextField
          label={t.accounts.currency}
          optional
          value={currency}
          onValue={setCurrency}
          hint={t.accounts.currencyHint}
          error={errors.currency}
          testId="account-currency"
          maxLength={12}
        />
        <TimingFields form={form} testIdPrefix="account" />
        <div className="form-actions span-3">
          <FormErrorList messages={form.formError} testId="add-account-error" />
          <Button type="submit" variant="primary" busy={form.busy} busyLabel={t.accounts.adding} testId="add-account-submit">
            {t.accounts.add}
          </Button>
        </div>
      </form>
    </section>
  )
}
