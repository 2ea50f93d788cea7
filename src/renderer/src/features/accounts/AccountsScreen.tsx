import { Fragment, useEffect, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react'
import { PROVIDER_KINDS, type ProviderKind } from '../../../../shared/domain'
import type { AccountSettings, AccountView } from '../../../../shared/schemas'
import { call, toUiError } from '../../api'
import { Button } from '../../ui/Button'
import { LoadError, LoadState } from '../../ui/LoadState'
import { ConfirmDialog, Dialog } from '../../ui/Dialog'
import { SelectField, TextField } from '../../ui/Field'
import { Money } from '../../ui/Money'
import { Pill } from '../../ui/StatePill'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { formatAmount } from '../../format/money'
import { t } from '../../i18n'
import { buildCredentials, CREDENTIAL_INPUT, PROVIDER_FORMS, type CredentialField } from '../../providers'
import { checkClipboardSeconds, checkRatePerMinute, checkSeconds, checkThreshold, FIRST_POLL_SECONDS, POLL_SECONDS } from './rules'
import { useAccounts, type TestResult } from './store'
import { balanceOf, useBalances } from '../../state/balances'
import { BackupsPanel, useSettings } from '../settings'

export function AccountsScreen() {
  const list = useAccounts((s) => s.list)
  const status = useAccounts((s) => s.status)
  const error = useAccounts((s) => s.error)
  const load = useAccounts((s) => s.load)
  const refreshing = useBalances((s) => s.refreshing)
  const refreshBalances = useBalances((s) => s.refresh)
  const [removing, setRemoving] = useState<AccountView | null>(null)
  const [editing, setEditing] = useState<AccountView | null>(null)
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

      <LoadState status={status} error={error} onRetry={() => void load()} isEmpty={list.length === 0} emptyText={t.accounts.empty} emptyTestId="accounts-empty">
        <div className="table-wrap">
          <table className="table" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{t.accounts.colKind}</th>
                <th scope="col">{t.accounts.colName}</th>
                <th scope="col">{t.accounts.colBaseUrl}</th>
                <th scope="col" className="num">{t.accounts.colBalance}</th>
                <th scope="col" className="num">{t.accounts.colThreshold}</th>
                <th scope="col">{t.accounts.colCapabilities}</th>
                <th scope="col" className="actions-col">{t.accounts.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <AccountRow key={a.id} account={a} onEdit={() => setEditing(a)} onRemove={() => setRemoving(a)} />
              ))}
            </tbody>
          </table>
        </div>
      </LoadState>

      <AddAccountForm />
      <SettingsPanel />
      <BackupsPanel />

      {editing && <EditAccountDialog account={editing} onClose={() => setEditing(null)} />}

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

function AccountRow({ account, onEdit, onRemove }: { account: AccountView; onEdit(): void; onRemove(): void }) {
  const balance = useBalances((s) => balanceOf(s.list, account.id))
  const testResult = useAccounts((s) => s.tests[account.id])
  const test = useAccounts((s) => s.test)
  const threshold = account.settings.lowBalanceThreshold
  return (
    <Fragment>
      <tr data-testid="account-row" data-account-id={account.id} data-account-name={account.name} data-kind={account.kind}>
        <td>{t.providers[account.kind]}</td>
        <td>
          <span className="strong">{account.name}</span> {account.demo && <Pill tone="info">{t.accounts.demoTag}</Pill>}
          {account.sharedKey && (
            <Pill tone="warn" title={t.accounts.sharedKeyTitle(account.sharedKey.foreignOrders)} testId="account-shared-key">
              {t.accounts.sharedKeyTag}
            </Pill>
          )}
        </td>
        <td className="mono truncate" title={account.baseUrl}>
          {account.baseUrl}
        </td>
        <td className="num" data-testid="account-balance">
          <Money value={balance?.available} /> {balance?.low && <Pill tone="warn">{t.topbar.low}</Pill>}
        </td>
        <td className="num" data-testid="account-threshold-value">
          {threshold ? `${formatAmount(threshold)} ${account.currency}` : t.common.none}
        </td>
        <td>
          <Capabilities account={account} />
        </td>
        <td className="actions-col">
          <div className="row-actions">
            <Button size="sm" onClick={() => void test(account.id)} busy={testResult?.state === 'running'} busyLabel={t.accounts.testing} testId="account-test">
              {t.accounts.test}
            </Button>
            <Button size="sm" variant="ghost" onClick={onEdit} aria-label={t.accounts.editLabel(account.name)} testId="account-edit">
              {t.common.edit}
            </Button>
            <Button size="sm" variant="ghost" onClick={onRemove} testId="account-remove">
              {t.accounts.remove}
            </Button>
          </div>
        </td>
      </tr>
      {testResult?.state === 'done' && <TestResultRow accountId={account.id} result={testResult} />}
    </Fragment>
  )
}

/** What the account's upstream supports, so nobody looks for a Cancel or a Buy that cannot work. */
function Capabilities({ account }: { account: AccountView }) {
  const c = account.capabilities
  return (
    <span
      className="capabilities"
      data-testid="account-capabilities"
      data-supplier={c.supplier}
      data-cancel={c.cancel}
      data-ledger={c.ledger}
      data-partial={c.partialFulfilment}
      data-max={c.maxQuantityPerOrder}
    >
      {c.supplier ? (
        <Pill tone="info" title={t.accounts.capSupplierTitle}>
          {t.accounts.capSupplier}
        </Pill>
      ) : (
        <Pill tone="neutral" title={t.accounts.capStorefrontTitle}>
          {t.accounts.capStorefront}
        </Pill>
      )}
      {c.supplier && (
        <Pill tone="neutral" title={t.accounts.capMaxTitle}>
          {t.accounts.capMax(c.maxQuantityPerOrder)}
        </Pill>
      )}
      {c.cancel && (
        <Pill tone="neutral" title={t.accounts.capCancelTitle}>
          {t.accounts.capCancel}
        </Pill>
      )}
      {c.partialFulfilment && (
        <Pill tone="neutral" title={t.accounts.capPartialTitle}>
          {t.accounts.capPartial}
        </Pill>
      )}
      {c.ledger && (
        <Pill tone="neutral" title={t.accounts.capLedgerTitle}>
          {t.accounts.capLedger}
        </Pill>
      )}
    </span>
  )
}

function TestResultRow({ accountId, result }: { accountId: string; result: Extract<TestResult, { state: 'done' }> }) {
  return (
    <tr className="subrow">
      <td colSpan={7}>
        <div className={`test-result ${result.ok ? 'test-ok' : 'test-bad'}`} role="status" data-testid="account-test-result" data-account-id={accountId} data-ok={result.ok}>
          <Pill tone={result.ok ? 'ok' : 'bad'}>{result.ok ? t.accounts.testOk : t.accounts.testFailed}</Pill>
          <span>{result.message}</span>
          {result.balance && (
            <span className="muted">
              {t.accounts.testBalance} <Money value={result.balance} testId="account-test-balance" />
            </span>
          )}
        </div>
      </td>
    </tr>
  )
}

const EMPTY_CREDS: Record<CredentialField, string> = { apiKey: '', email: '', password: '', sellerId: '' }

type TimingField = 'poll' | 'firstPoll' | 'rate'
type TimingValues = Record<TimingField, string>
const EMPTY_TIMING: TimingValues = { poll: '', firstPoll: '', rate: '' }

type FormErrors = Partial<Record<'name' | 'baseUrl' | 'currency' | 'threshold' | TimingField | CredentialField, string>>

type SettingsPatch = Pick<AccountSettings, 'lowBalanceThreshold' | 'pollIntervalSeconds' | 'firstPollDelaySeconds' | 'rateLimitPerMinute'>

/** The threshold and timing boxes as settings (null = the supplier's own value), or what to correct. */
function checkSettings(threshold: string, timing: TimingValues): { settings: SettingsPatch | null; errors: FormErrors } {
  const errors: FormErrors = {}
  const th = checkThreshold(threshold)
  const poll = checkSeconds(timing.poll, POLL_SECONDS.min, POLL_SECONDS.max)
  const first = checkSeconds(timing.firstPoll, FIRST_POLL_SECONDS.min, FIRST_POLL_SECONDS.max)
  const rate = checkRatePerMinute(timing.rate)
  if (!th.ok) errors.threshold = th.message
  if (!poll.ok) errors.poll = poll.message
  if (!first.ok) errors.firstPoll = first.message
  if (!rate.ok) errors.rate = rate.message
  if (!th.ok || !poll.ok || !first.ok || !rate.ok) return { settings: null, errors }
  return { settings: { lowBalanceThreshold: th.value, pollIntervalSeconds: poll.value, firstPollDelaySeconds: first.value, rateLimitPerMinute: rate.value }, errors }
}

function timingOf(settings: AccountSettings): TimingValues {
  const text = (n: number | null) => (n === null ? '' : String(n))
  return { poll: text(settings.pollIntervalSeconds), firstPoll: text(settings.firstPollDelaySeconds), rate: text(settings.rateLimitPerMinute) }
}

/**
 * Polling and rate limit, folded away: the supplier's documented values are right for nearly everyone.
 * Typing in a box clears that box's error.
 */
function TimingFields({
  values,
  setValues,
  errors,
  setErrors,
  testIdPrefix
}: {
  values: TimingValues
  setValues: Dispatch<SetStateAction<TimingValues>>
  errors: FormErrors
  setErrors: Dispatch<SetStateAction<FormErrors>>
  testIdPrefix: string
}) {
  function onChange(field: TimingField, value: string) {
    setValues((cur) => ({ ...cur, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }
  const hasError = Boolean(errors.poll || errors.firstPoll || errors.rate)
  const [open, setOpen] = useState(false)
  return (
    <details className="advanced span-3" open={open || hasError} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`${testIdPrefix}-advanced`}>
      <summary className="advanced-summary" data-testid={`${testIdPrefix}-advanced-toggle`}>
        {t.accounts.advanced}
      </summary>
      <p className="field-hint">{t.accounts.advancedHint}</p>
      <div className="form-grid advanced-grid">
        <TextField
          label={t.accounts.pollEvery}
          value={values.poll}
          onValue={(v) => onChange('poll', v)}
          inputMode="decimal"
          error={errors.poll}
          testId={`${testIdPrefix}-poll`}
        />
        <TextField
          label={t.accounts.firstPollAfter}
          value={values.firstPoll}
          onValue={(v) => onChange('firstPoll', v)}
          inputMode="decimal"
          error={errors.firstPoll}
          testId={`${testIdPrefix}-first-poll`}
        />
        <TextField
          label={t.accounts.rateLimit}
          value={values.rate}
          onValue={(v) => onChange('rate', v)}
          inputMode="numeric"
          error={errors.rate}
          testId={`${testIdPrefix}-rate-limit`}
        />
      </div>
    </details>
  )
}

/** What the core refused that belongs to no box of the form (mapCoreErrors' `rest`). */
function FormErrorList({ messages, testId }: { messages: string[]; testId: string }) {
  if (messages.length === 0) return null
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  )
}

/** The core's validation `fields` ("settings.lowBalanceThreshold", "credentials.apiKey") onto the form's boxes. */
function mapCoreErrors(err: unknown): { errors: FormErrors; rest: string[] } {
  const ui = toUiError(err)
  const errors: FormErrors = {}
  const rest: string[] = []
  for (const [path, message] of Object.entries(ui.fields)) {
    const key = fieldKey(path)
    if (key) errors[key] = message
    else rest.push(message)
  }
  if (!Object.keys(errors).length && !rest.length) rest.push(ui.message)
  return { errors, rest }
}

function AddAccountForm() {
  const add = useAccounts((s) => s.add)
  const [kind, setKind] = useState<ProviderKind>('digetalhube')
  const [name, setName] = useState(t.providers.digetalhube)
  const [nameTouched, setNameTouched] = useState(false)
  const [baseUrl, setBaseUrl] = useState(PROVIDER_FORMS.digetalhube.defaultBaseUrl)
  const [currency, setCurrency] = useState('')
  const [threshold, setThreshold] = useState('')
  const [timing, setTiming] = useState<TimingValues>(EMPTY_TIMING)
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

  async function submit(ev: FormEvent) {
    ev.preventDefault()
    setFormError([])
    const { settings, errors: e } = checkSettings(threshold, timing)
    if (!name.trim()) e.name = t.accounts.required
    if (!baseUrl.trim()) e.baseUrl = t.accounts.required
    for (const f of PROVIDER_FORMS[kind].credentials) if (!creds[f].trim()) e[f] = t.accounts.required
    setErrors(e)
    if (Object.keys(e).length || !settings) return
    // Only what the person set: everything else keeps the supplier's documented value.
    const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== null)) as Partial<SettingsPatch>
    setBusy(true)
    try {
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
      setThreshold('')
      setTiming(EMPTY_TIMING)
      setCurrency('')
      setErrors({})
    } catch (err) {
      const mapped = mapCoreErrors(err)
      setErrors(mapped.errors)
      setFormError(mapped.rest)
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
          onValue={(v) => {
            setThreshold(v)
            setErrors((e) => ({ ...e, threshold: undefined }))
          }}
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
        <TimingFields values={timing} setValues={setTiming} errors={errors} setErrors={setErrors} testIdPrefix="account" />
        <div className="form-actions span-3">
          <FormErrorList messages={formError} testId="add-account-error" />
          <Button type="submit" variant="primary" busy={busy} busyLabel={t.accounts.adding} testId="add-account-submit">
            {t.accounts.add}
          </Button>
        </div>
      </form>
    </section>
  )
}

function EditAccountDialog({ account, onClose }: { account: AccountView; onClose(): void }) {
  const update = useAccounts((s) => s.update)
  const [name, setName] = useState(account.name)
  const [threshold, setThreshold] = useState(account.settings.lowBalanceThreshold ?? '')
  const [timing, setTiming] = useState<TimingValues>(() => timingOf(account.settings))
  const [errors, setErrors] = useState<FormErrors>({})
  const [formError, setFormError] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const formId = `edit-account-${account.id}`

  async function submit(ev: FormEvent) {
    ev.preventDefault()
    setFormError([])
    const { settings, errors: e } = checkSettings(threshold, timing)
    if (!name.trim()) e.name = t.accounts.required
    setErrors(e)
    if (Object.keys(e).length || !settings) return
    setBusy(true)
    try {
      // Empty boxes are sent as null: back to the supplier's documented value.
      await update({ accountId: account.id, name: name.trim(), settings })
      onClose()
    } catch (err) {
      const mapped = mapCoreErrors(err)
      setErrors(mapped.errors)
      setFormError(mapped.rest)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t.accounts.editTitle(account.name)}
      onClose={onClose}
      testId="account-edit-dialog"
      actions={
        <>
          <Button onClick={onClose} testId="account-edit-cancel">
            {t.common.cancel}
          </Button>
          <Button type="submit" form={formId} variant="primary" busy={busy} busyLabel={t.common.saving} testId="account-edit-save">
            {t.common.save}
          </Button>
        </>
      }
    >
      <form id={formId} className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t.accounts.name}
          value={name}
          onValue={(v) => {
            setName(v)
            setErrors((e) => ({ ...e, name: undefined }))
          }}
          error={errors.name}
          maxLength={80}
          testId="account-edit-name"
        />
        <TextField
          label={
            <>
              {t.accounts.threshold} ({account.currency}) <span className="muted">{t.common.optional}</span>
            </>
          }
          value={threshold}
          onValue={(v) => {
            setThreshold(v)
            setErrors((e) => ({ ...e, threshold: undefined }))
          }}
          inputMode="decimal"
          hint={t.accounts.thresholdHint}
          error={errors.threshold}
          testId="account-edit-threshold"
          autoFocus
        />
        <TimingFields values={timing} setValues={setTiming} errors={errors} setErrors={setErrors} testIdPrefix="account-edit" />
        <FormErrorList messages={formError} testId="account-edit-error" />
      </form>
    </Dialog>
  )
}

/** App settings of this data folder: for now, how long a copied code stays on the clipboard. */
function SettingsPanel() {
  const value = useSettings((s) => s.value)
  const status = useSettings((s) => s.status)
  const loadError = useSettings((s) => s.error)
  const load = useSettings((s) => s.load)
  const update = useSettings((s) => s.update)
  const saving = useSettings((s) => s.saving)
  // null: the box shows the saved value; text: what the person is typing.
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | undefined>()
  const [logsNote, setLogsNote] = useState<string | undefined>()

  useEffect(() => {
    void load()
  }, [load])

  async function openLogs() {
    try {
      const r = await call('app.openLogsFolder', {})
      setLogsNote(r.opened ? undefined : t.accounts.logsFolderUnavailable)
    } catch (e) {
      setLogsNote(toUiError(e).message)
    }
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault()
    const checked = checkClipboardSeconds(draft ?? String(value?.clipboardClearSeconds ?? ''))
    if (!checked.ok) return setError(checked.message)
    try {
      await update({ clipboardClearSeconds: checked.value })
      setDraft(null)
      setError(undefined)
    } catch (e) {
      const ui = toUiError(e)
      setError(ui.fields['clipboardClearSeconds'] ?? ui.message)
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-title" data-testid="settings-panel">
      <h2 id="settings-title" className="panel-title">
        {t.accounts.settingsTitle}
      </h2>
      <LoadError status={status} error={loadError} onRetry={() => void load()} />
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t.accounts.clipboardSeconds}
          value={draft ?? (value ? String(value.clipboardClearSeconds) : '')}
          onValue={(v) => {
            setDraft(v)
            setError(undefined)
          }}
          inputMode="numeric"
          hint={t.accounts.clipboardSecondsHint}
          error={error}
          disabled={!value}
          testId="settings-clipboard-seconds"
        />
        <Button type="submit" variant="primary" busy={saving} busyLabel={t.common.saving} disabled={!value} testId="settings-save">
          {t.common.save}
        </Button>
      </form>
      <div className="settings-logs">
        <Button type="button" onClick={() => void openLogs()} testId="settings-open-logs">
          {t.accounts.openLogsFolder}
        </Button>
        <p className="field-hint">{t.accounts.openLogsFolderHint}</p>
        {logsNote && (
          <p className="field-hint" role="status" data-testid="settings-logs-note">
            {logsNote}
          </p>
        )}
      </div>
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
    case 'settings.pollIntervalSeconds':
      return 'poll'
    case 'settings.firstPollDelaySeconds':
      return 'firstPoll'
    case 'settings.rateLimitPerMinute':
      return 'rate'
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
