// Dates arrive as ISO text; shown in the person's local time zone.
import { t } from '../i18n'

const dateTime = new Intl.DateTimeFormat(t.locale, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit'
})
const full = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'medium' })

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return t.common.none
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d)
}

export function formatTimeFull(iso: string | null | undefined): string {
  if (!iso) return t.common.none
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : full.format(d)
}
