// Digiseller's date shapes, as the simulator prints and reads them. Wall-clock times are Moscow time (UTC+03:00), as
// the docs say for seller-sells; each endpoint has its own format (seed 004 and docs):
//   receipts            "2021-11-12T14:20:37.137"   fraction trimmed of trailing zeros, none when whole
//   receipts/external   "2021-08-10T16:25:11.64"    same
//   seller-sells        "2017-03-09 13:53:19"
//   apilogin valid_thru "2026-03-19T23:21:58.4355113+03:00"

const MOSCOW_MS = 3 * 60 * 60_000

function moscowIso(ms: number): string {
  return new Date(ms + MOSCOW_MS).toISOString() // "…Z" but the digits are Moscow wall-clock
}

export function receiptsDateTime(ms: number): string {
  const iso = moscowIso(ms)
  const fraction = iso.slice(20, 23).replace(/0+$/, '')
  return fraction === '' ? iso.slice(0, 19) : `${iso.slice(0, 19)}.${fraction}`
}

export function sellsDateTime(ms: number): string {
  return moscowIso(ms).slice(0, 19).replace('T', ' ')
}

/** .NET's seven fraction digits: the milliseconds, then four digits of sub-millisecond noise. */
export function validThru(ms: number, noise: number): string {
  const iso = moscowIso(ms)
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(noise % 10_000).padStart(4, '0')}+03:00`
}

/** What .NET prints for an empty DateTime (apilogin's valid_thru on refusal). */
export const EMPTY_DATE_TIME = '0001-01-01T00:00:00'

export interface ParsedRange {
  /** First instant named. */
  fromMs: number
  /** First instant after the period the text names (a day, a minute, a second, a millisecond). */
  untilMs: number
}

const RECEIPTS_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/
const SELLS_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

function toRange(m: RegExpExecArray): ParsedRange | null {
  const [, y, mo, d, h, mi, s, frac] = m
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number((frac ?? '').padEnd(3, '0'))] as const
  const local = Date.UTC(...parts)
  const back = new Date(local)
  if (back.getUTCMonth() !== parts[1] || back.getUTCDate() !== parts[2] || back.getUTCHours() !== parts[3] || back.getUTCMinutes() !== parts[4]) return null
  const step = frac !== undefined ? 1 : s !== undefined ? 1000 : mi !== undefined ? 60_000 : 24 * 60 * 60_000
  const fromMs = local - MOSCOW_MS
  return { fromMs, untilMs: fromMs + step }
}

/** receipts' start/finish: 'yyyy-MM-dd' or 'yyyy-MM-ddTHH:mm' (docs), also with seconds and milliseconds (the docs' own example URL). */
export function parseReceiptsDate(text: string): ParsedRange | null {
  const m = RECEIPTS_DATE.exec(text)
  return m ? toRange(m) : null
}

/** seller-sells' date_start/date_finish: exactly 'yyyy-MM-dd HH:mm:ss'. */
export function parseSellsDate(text: string): ParsedRange | null {
  const m = SELLS_DATE.exec(text)
  return m ? toRange(m) : null
}
