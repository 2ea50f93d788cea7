// What the settings form checks before asking the core: the same range as the contract's AppSettings, with a message
// that says what to type instead.
import { t } from '../../i18n'
import type { Checked } from '../../model/checked'

export function checkClipboardSeconds(raw: string): Checked<number> {
  const text = raw.trim()
  const n = /^\d+$/.test(text) ? Number(text) : NaN
  return Number.isSafeInteger(n) && n >= 0 && n <= 3600 ? { ok: true, value: n } : { ok: false, message: t.settings.clipboardSecondsInvalid }
}
