// What the account forms check before asking the core: the same ranges as the contract's AccountSettings, with
// messages that say what to type instead. An empty box means "the supplier's own value".
import { isDecimalText } from '../../format/money'
import { t } from '../../i18n'
import type { Checked } from '../../model/checked'

const NUMBER = /^\d+(\.\d+)?$/

export function checkThreshold(raw: string): Checked<string | null> {
  const text = raw.trim()
  if (text === '') return { ok: true, value: null }
  return isDecimalText(text) ? { ok: true, value: text } : { ok: false, message: t.accounts.thresholdInvalid }
}

/** Poll interval (0.01–3600 s) or first-poll delay (0–3600 s). */
export function checkSeconds(raw: string, min: number, max: number): Checked<number | null> {
  const text = raw.trim().replace(',', '.')
  if (text === '') return { ok: true, value: null }
  const n = NUMBER.test(text) ? Number(text) : NaN
  return Number.isFinite(n) && n >= min && n <= max ? { ok: true, value: n } : { ok: false, message: t.accounts.secondsInvalid(min, max) }
}

export function checkRatePerMinute(raw: string): Checked<number | null> {
  const text = raw.trim()
  if (text === '') return { ok: true, value: null }
  const n = /^\d+$/.test(text) ? Number(text) : NaN
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? { ok: true, value: n } : { ok: false, message: t.accounts.rateInvalid }
}

export const POLL_SECONDS = { min: 0.01, max: 3600 } as const
export const FIRST_POLL_SECONDS = { min: 0, max: 3600 } as const
