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

/** A local calendar day as the core takes it in filters and periods: "2026-11-01". */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The same calendar day `days` days earlier (local time, so a summer-time change does not shift it). */
export function daysAgo(days: number, from = new Date()): Date {
  return new Date(from.getFullYear(), from.getMonth(), from.getDate() - days)
}
