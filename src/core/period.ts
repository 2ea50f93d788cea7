// Dates people give (filters, reconciliation periods) as the ISO instants the journal stores. A date alone is a
// local calendar day, because that is what a shop assistant means by "from the 1st to the 30th": from its first
// moment, through its last. A full date-time is taken as given.
import { AppError } from './errors'

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 24 * 60 * 60_000

function parse(text: string): { date: Date; dateOnly: boolean } {
  const t = text.trim()
  const m = DATE_ONLY.exec(t)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const date = new Date(y, mo - 1, d)
    if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) throw new AppError('VALIDATION', `“${t}” is not a date`)
    return { date, dateOnly: true }
  }
  const ms = Date.parse(t)
  if (Number.isNaN(ms)) throw new AppError('VALIDATION', `“${t}” is not a date`)
  return { date: new Date(ms), dateOnly: false }
}

/** The first instant of a period that starts at `text`. */
export function periodStart(text: string): string {
  return parse(text).date.toISOString()
}

/** The last instant (inclusive) of a period that ends at `text`: a date alone means through the end of that day. */
export function periodEnd(text: string): string {
  const { date, dateOnly } = parse(text)
  if (!dateOnly) return date.toISOString()
  const next = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1)
  return new Date(next.getTime() - 1).toISOString()
}

export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString()
}

export { DAY_MS }
