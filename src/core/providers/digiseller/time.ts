// Digiseller writes dates in several shapes (seed 004 and its docs): receipts "2021-11-12T14:20:37.137" (1–7 fraction
// digits, no zone), external receipts "2021-08-10T16:25:11.64", seller-sells "2017-03-09 13:53:19", and apilogin's
// valid_thru "2026-03-19T23:21:58.4355113+03:00". The docs give seller-sells' dates in Moscow time (UTC+03:00, no
// daylight saving since 2014); we read every zone-less date that way, except valid_thru, which the docs call UTC.

export const MOSCOW_OFFSET_MINUTES = 180
export const UTC_OFFSET_MINUTES = 0

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A Digiseller date → the instant it names; null when it is not one of the shapes above or not a real date. */
export function parseDigisellerDate(text: string, defaultOffsetMinutes: number = MOSCOW_OFFSET_MINUTES): Date | null {
  const m = DATE_TIME.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m
  let offset = defaultOffsetMinutes
  if (zone === 'Z') offset = 0
  else if (zone !== undefined) {
    const digits = zone.replace(':', '')
    const sign = digits.startsWith('-') ? -1 : 1
    offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)))
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3))
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms)
  // Date.UTC rolls 2021-02-30 over into March: a date that does not survive the round trip is not a date.
  const check = new Date(local)
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi) ||
    check.getUTCSeconds() !== Number(s)
  ) {
    return null
  }
  return new Date(local - offset * 60_000)
}

/** The instant as Moscow wall-clock parts "yyyy-MM-dd", "HH:mm", "ss". */
function moscowParts(date: Date): { day: string; minute: string; second: string } {
  const iso = new Date(date.getTime() + MOSCOW_OFFSET_MINUTES * 60_000).toISOString()
  return { day: iso.slice(0, 10), minute: iso.slice(11, 16), second: iso.slice(17, 19) }
}

/** seller-sells' date_start/date_finish: "yyyy-MM-dd HH:mm:ss", Moscow time (docs). */
export function sellsDate(date: Date): string {
  const p = moscowParts(date)
  return `${p.day} ${p.minute}:${p.second}`
}

/** receipts' start/finish: "yyyy-MM-ddTHH:mm", Moscow time (the seed's documented format, so whole minutes). */
export function receiptsDate(date: Date): string {
  const p = moscowParts(date)
  return `${p.day}T${p.minute}`
}
