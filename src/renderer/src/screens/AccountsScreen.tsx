import { Fragment, useEffect, useState, type FormEvent } from 'react'
import { PROVIDER_KINDS, type ProviderKind } from '../../../shared/domain'
import type { AccountView } from '../../../shared/schemas'
import { toUiError } from '../api'
import { Button } from '../components/Button'
import { ConfirmDialog } from '../components/Dialog'
import { SelectField, TextField } from '../components/Field'
import { Money } from '../components/Money'
import { Pill } from '../components/StatePill'
import { ScreenHeader } from '../components/ScreenHeader'
import { formatAmount, isDecimalText } from '../format/money'
import { t } from '../i18n'
import { buildCredentials, CREDENTIAL_INPUT, PROVIDER_FORMS, type CredentialField } from '../providers'
import { useAccounts, type TestResult } from '../store/accounts'
import { balanceOf, useBalances } from '../store/balances'

export function AccountsScreen() {
  const list = useAccounts((s) => s.list)
  const status = useAccounts((s) => s.status)
  const error = useAccounts((s) => s.error)
  const load = useAccounts((s) => s.load)
  const refreshing = useBalances((s) => s.refreshing)
  const refreshBalances = useBalances((s) => s.refresh)
  const [removing, setRemoving] = useState<AccountView | null>(null)
  const remove = useAccounts((s) => s.remove)
  const removingId = useAccounts((s) => s.removing)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="screen" data-testid="screen-accounts">
      <ScreenHeader title={t.accounts.title}>
        <Button onClick={() => void refreshBalances()} busy={refreshing} busyLabel={t.common.working} testId="accounts-refresh-balances">
          {t.accounts.refreshBalances}
        </Button>
      </ScreenHeader>
      <p className="screen-intro muted">{t.accounts.intro}</p>

      {status === 'failed' && error && (
        <div className="alert alert-error" role="alert">
          {error} <Button size="sm" onClick={() => void load()}>{t.common.retry}</Button>
        </div>
      )}
      {status === 'ready' && list.length === 0 && (
        <p className="empty" data-testid="accounts-empty">
          {t.accounts.empty}
        </p>
      )}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{t.accounts.colKind}</th>
                <th scope="col">{t.accounts.colName}</th>
                <th scope="col">{t.accounts.colBaseUrl}</th>
                <th scope="col" className="num">{t.accounts.colBalance}</th>
                <th scope="col" className="num">{t.accounts.colThreshold}</th>
                <th scope="col" className="actions-col">{t.accounts.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <AccountRow key={a.id} account={a} onRemove={() => setRemoving(a)} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <AddAccountForm />

      {removing && (
        <ConfirmDialog
          title={t.accounts.removeTitle(removing.name)}
          message={t.accounts.removeText}
          confirmLabel={t.accounts.remove}
          danger
          busy={removingId === removing.id}
          testId="remove-account-dialog"
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing).finally(() => setRemoving(null))}
        />
      )}
    </div>
  )
}

function AccountRow({ account, onRemove }: { account: AccountView; onRemove(): void }) {
  const balance = useBalances((s) => balanceOf(s.list, account.id))
  const testResult = useAccounts((s) => s.tests[account.id])
  const test = useAccounts((s) => s.test)
  const threshold = account.settings.lowBalanceThreshold
  return (
    <Fragment>
      <tr data-testid="account-row" data-account-id={account.id} data-kind={account.kind}>
        <td>{t.providers[account.kind]}</td>
        <td>
          <span className="strong">{account.name}</span> {account.demo && <Pill tone="info">{t.accounts.demoTag}</Pill>}
        </td>
        <td className="mono truncate" title={account.baseUrl}>
          {account.baseUrl}
        </td>
        <td className="num" data-testid="account-balance">
          <Money value={balance?.available} /> {balance?.low && <Pill tone="warn">{t.topbar.low}</Pill>}
        </td>
        <td className="num">{threshold ? `${formatAmount(threshold)} ${account.currency}` : t.common.none}</td>
        <td className="actions-col">
          <div className="row-actions">
            <Button size="sm" onClick={() => void test(account.id)} busy={testResult?.state === 'running'} busyLabel={t.accounts.testing} testId="account-test">
              {t.accounts.test}
            </Button>
            <Button size="sm" variant="ghost" onClick={onRemove} testId="account-remove">
              {t.accounts.remove}
            </Button>
          </div>
        </td>
      </tr>
      {testResult?.state === 'done' && <TestResultRow result={testResult} />}
    </Fragment>
  )
}

function TestResultRow({ result }: { result: Extract<TestResult, { state: 'done' }> }) {
  return (
    <tr className="subrow">
      <td colSpan={6}>
        <div className={`test-result ${result.ok ? 'test-ok' : 'test-bad'}`} role="status" data-testid="account-test-result" data-ok={result.ok}>
          <Pill tone={result.ok ? 'ok' : 'bad'}>{result.ok ? t.accounts.testOk : t.accounts.testFailed}</Pill>
          <span>{result.message}</span>
          {result.balance && (
            <span className="muted">
              {t.accounts.testBalance} <Money value={result.balance} />
            </span>
          )}
        </div>
      </td>
    </tr>
  )
}

const EMPTY_CREDS: Record<CredentialField, string> = { apiKey: '', email: '', password: '', sellerId: '' }

type FormErrors = Partial<Record<'name' | 'baseUrl' | 'currency' | 'threshold' | CredentialField, string>>

function AddAccountForm() {
  const add = useAccounts((s) => s.add)
  const [kind, setKind] = useState<ProviderKind>('digetalhube')
  const [name, setName] = useState(t.providers.digetalhube)
  const [nameTouched, setNameTouched] = useState(false)
  const [baseUrl, setBaseUrl] = useState(PROVIDER_FORMS.digetalhube.defaultBaseUrl)
  const [currency, setCurrency] = useState('')
  const [threshold, setThreshold] = useState('')
  const [creds, setCreds] = useState<Record<CredentialField, string>>(EMPTY_CREDS)
  const [errors, setErrors] = useState<FormErrors>({})
  const [formError, setFormError] = useState<string[]>([])
  const [busy, setBusy] = useState(false)

  function changeKind(next: ProviderKind) {
    // Prefill what the person has not typed themselves; never carry secrets from one kind to another.
    if (!nameTouched) setName(t.providers[next])
    if (baseUrl === PROVIDER_FORMS[kind].defaultBaseUrl || baseUrl.trim() === '') setBaseUrl(PROVIDER_FORMS[next].defaultBaseUrl)
    setKind(next)
    setCreds(EMPTY_CREDS)
    setErrors({})
    setFormError([])
  }

  function check(): FormErrors {
    const e: FormErrors = {}
    if (!name.trim()) e.name = t.accounts.required
    if (!baseUrl.trim()) e.baseUrl = t.accounts.required
    if (threshold.trim() && !isDecimalText(threshold.trim())) e.threshold = t.accounts.thresholdInvalid
    for (const f of PROVIDER_FORMS[kind].credentials) if (!creds[f].trim()) e[f] = t.accounts.required
    return e
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault()
    setFormError([])
    const e = check()
    setErrors(e)
    if (Object.keys(e).length) return
    setBusy(true)
    try {
      await add({
        name: name.trim(),
        baseUrl: baseUrl.trim(),
        credentials: buildCredentials(kind, creds),
        ...(currency.trim() ? { currency: currency.trim() } : {}),
        ...(threshold.trim() ? { settings: { lowBalanceThreshold: threshold.trim() } } : {})
      })
      setCreds(EMPTY_CREDS)
      setName(t.providers[kind])
      setNameTouched(false)
      setThreshold('')
      setCurrency('')
      setErrors({})
    } catch (err) {
      const ui = toUiError(err)
      const mapped: FormErrors = {}
      const rest: string[] = []
      for (const [path, message] of Object.entries(ui.fields)) {
        const key = fieldKey(path)
        if (key) mapped[key] = message
        else rest.push(message)
      }
      setErrors(mapped)
      setFormError(Object.keys(mapped).length && !rest.length ? [] : rest.length ? rest : [ui.message])
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="add-account-title">
      <h2 id="add-account-title" className="panel-title">
        {t.accounts.addTitle}
      </h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="add-account-form" noValidate>
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
        <TextField
          label={<>{t.accounts.threshold} <span className="muted">{t.common.optional}</span></>}
          value={threshold}
          onValue={setThreshold}
          inputMode="decimal"
          hint={t.accounts.thresholdHint}
          error={errors.threshold}
          testId="account-threshold"
        />
        <TextField
          label={<>{t.accounts.currency} <span className="muted">{t.common.optional}</span></>}
          value={currency}
          onValue={setCurrency}
          hint={t.accounts.currencyHint}
          error={errors.currency}
          testId="account-currency"
          maxLength={12}
        />
        <div className="form-actions span-3">
          {formError.length > 0 && (
            <div className="alert alert-error" role="alert" data-testid="add-account-error">
              {formError.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          )}
          <Button type="submit" variant="primary" busy={busy} busyLabel={t.accounts.adding} testId="add-account-submit">
            {t.accounts.add}
          </Button>
        </div>
      </form>
    </section>
  )
}

function fieldKey(path: string): keyof FormErrors | null {
  switch (path) {
    case 'name':
    case 'baseUrl':
    case 'currency':
      return path
    case 'settings.lowBalanceThreshold':
      return 'threshold'
    case 'credentials.apiKey':
      return 'apiKey'
    case 'credentials.email':
      return 'email'
    case 'credentials.password':
      return 'password'
    case 'credentials.sellerId':
      return 'sellerId'
    default:
      return null
  }
}
