// What the Add-account form and the Edit dialog share: the warning level and the folded-away timing boxes, their
// checks, and one submit that puts whatever the core refuses on the box it belongs to (or above the buttons).
import { useState, type ReactNode } from 'react'
import type { AccountSettings } from '../../../../shared/contract'
import { toUiError } from '../../api'
import { t } from '../../i18n'
import type { CredentialField } from '../../providers'
import { TextField } from '../../ui/Field'
import { checkRatePerMinute, checkSeconds, checkThreshold, FIRST_POLL_SECONDS, POLL_SECONDS } from './rules'

type TimingField = 'poll' | 'firstPoll' | 'rate'
export type TimingValues = Record<TimingField, string>
export const EMPTY_TIMING: TimingValues = { poll: '', firstPoll: '', rate: '' }

export type FormErrors = Partial<Record<'name' | 'baseUrl' | 'currency' | 'threshold' | TimingField | CredentialField, string>>

export type SettingsPatch = Pick<AccountSettings, 'lowBalanceThreshold' | 'pollIntervalSeconds' | 'firstPollDelaySeconds' | 'rateLimitPerMinute'>

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

export function timingOf(settings: AccountSettings): TimingValues {
  const text = (n: number | null) => (n === null ? '' : String(n))
  return { poll: text(settings.pollIntervalSeconds), firstPoll: text(settings.firstPollDelaySeconds), rate: text(settings.rateLimitPerMinute) }
}

/** The state of either form's warning level and timing boxes, their errors, the core's other refusals, and busy. */
export function useAccountForm(initial: { threshold: string; timing: TimingValues }) {
  const [threshold, setThresholdText] = useState(initial.threshold)
  const [timing, setTiming] = useState(initial.timing)
  const [errors, setErrors] = useState<FormErrors>({})
  const [formError, setFormError] = useState<string[]>([])
  const [busy, setBusy] = useState(false)

  /** Typing in a box clears that box's error. */
  function change(field: 'threshold' | TimingField, value: string) {
    if (field === 'threshold') setThresholdText(value)
    else setTiming((cur) => ({ ...cur, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }

  /**
   * Checks the boxes (`check` adds the form's own), then sends the settings; what the core refuses lands on its box,
   * the rest above the buttons.
   */
  async function submit(check: (errors: FormErrors) => void, send: (settings: SettingsPatch) => Promise<void>): Promise<void> {
    setFormError([])
    const { settings, errors: e } = checkSettings(threshold, timing)
    check(e)
    setErrors(e)
    if (Object.keys(e).length || !settings) return
    setBusy(true)
    try {
      await send(settings)
    } catch (err) {
      const mapped = mapCoreErrors(err)
      setErrors(mapped.errors)
      setFormError(mapped.rest)
    } finally {
      setBusy(false)
    }
  }

  /** Empty boxes and no errors again (after an account was added). */
  function clear() {
    setThresholdText('')
    setTiming(EMPTY_TIMING)
    setErrors({})
  }

  return { threshold, timing, errors, setErrors, formError, setFormError, busy, change, submit, clear }
}

export type AccountForm = ReturnType<typeof useAccountForm>

/** "Warn when balance is below", optional. */
export function ThresholdField({ form, label, testId, autoFocus }: { form: AccountForm; label: ReactNode; testId: string; autoFocus?: boolean }) {
  return (
    <TextField
      label={label}
      optional
      value={form.threshold}
      onValue={(v) => form.change('threshold', v)}
      inputMode="decimal"
      hint={t.accounts.thresholdHint}
      error={form.errors.threshold}
      testId={testId}
      autoFocus={autoFocus}
    />
  )
}

/** Polling and rate limit, folded away: the supplier's documented values are right for nearly everyone. */
export function TimingFields({ form, testIdPrefix }: { form: AccountForm; testIdPrefix: string }) {
  const { timing, errors } = form
  const hasError = Boolean(errors.poll || errors.firstPoll || errors.rate)
  const [open, setOpen] = useState(false)
  const boxes = [
    { field: 'poll', label: t.accounts.pollEvery, inputMode: 'decimal', testId: 'poll' },
    { field: 'firstPoll', label: t.accounts.firstPollAfter, inputMode: 'decimal', testId: 'first-poll' },
    { field: 'rate', label: t.accounts.rateLimit, inputMode: 'numeric', testId: 'rate-limit' }
  ] as const
  return (
    <details className="advanced span-3" open={open || hasError} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`${testIdPrefix}-advanced`}>
      <summary className="advanced-summary" data-testid={`${testIdPrefix}-advanced-toggle`}>
        {t.accounts.advanced}
      </summary>
      <p className="field-hint">{t.accounts.advancedHint}</p>
      <div className="form-grid advanced-grid">
        {boxes.map((b) => (
          <TextField
            key={b.field}
            label={b.label}
            value={timing[b.field]}
            onValue={(v) => form.change(b.field, v)}
            inputMode={b.inputMode}
            error={errors[b.field]}
            testId={`${testIdPrefix}-${b.testId}`}
          />
        ))}
      </div>
    </details>
  )
}

/** What the core refused that belongs to no box of the form. */
export function FormErrorList({ messages, testId }: { messages: string[]; testId: string }) {
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
