// Reading an upstream's HTTP reply the way every adapter does: JSON without losing money's precision, the upstream's
// own refusal before the status, the schema last, and a description of what did not fit that never quotes a value
// (a reply may hold codes). What a refusal looks like stays with each upstream (the `refusal` hook).
import type { z } from 'zod'
import type { UpstreamError } from '../errors'
import { parseRetryAfter } from './http'
import { parseUpstreamJson } from './json'
import type { HttpResponse } from './types'

export function header(res: HttpResponse, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(res.headers)) if (key.toLowerCase() === wanted) return value
  return undefined
}

/** The error context with the reply's Retry-After (in ms), when it sent one. */
export function withRetryAfter<C extends { retryAfterMs?: number }>(res: HttpResponse, ectx: C): C {
  const retryAfterMs = parseRetryAfter(header(res, 'retry-after'))
  return retryAfterMs === undefined ? ectx : { ...ectx, retryAfterMs }
}

/** Which fields of a reply did not fit, by path only: never a value from the reply (it may be a code). */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '')
    const where = path === '' ? 'the reply' : path
    if (issue.code === 'custom') return `${where}: ${issue.message}`
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `${where} is missing`
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return `${where} has an unexpected type`
    return `${where} is not valid`
  })
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : ''
  return parts.join('; ') + more
}

export function isOk(status: number): boolean {
  return status >= 200 && status < 300
}

/** Stands for the body of a reply that was not JSON at all. */
export const NOT_JSON: unique symbol = Symbol('not JSON')

/** How one upstream's replies turn into its errors. */
export interface ReplyReading<C> {
  /** A reply that is not JSON, or not a success and not a refusal either. */
  unreadable(httpStatus: number, detail: string, ctx: C): UpstreamError
  /** A successful reply that does not fit the schema. */
  malformed(httpStatus: number | undefined, detail: string, ctx: C): UpstreamError
  /** The refusal the reply stands for, whatever its status; looked at first. `body` is NOT_JSON if it was not JSON. */
  refusal?(httpStatus: number, body: unknown, ctx: C): UpstreamError | undefined
  /** What a 2xx reply that does not fit the schema says instead, if anything. */
  misfit?(httpStatus: number, body: unknown, ctx: C): UpstreamError | undefined
}

/** The reply → the schema's output, or the UpstreamError it stands for. */
export function readReply<S extends z.ZodType, C extends { retryAfterMs?: number }>(
  res: HttpResponse,
  schema: S,
  ectx: C,
  reading: ReplyReading<C>
): z.output<S> {
  const ctx = withRetryAfter(res, ectx)
  let body: unknown
  try {
    body = parseUpstreamJson(res.text)
  } catch {
    throw reading.refusal?.(res.status, NOT_JSON, ctx) ?? reading.unreadable(res.status, `HTTP ${res.status}, not JSON`, ctx)
  }
  const refused = reading.refusal?.(res.status, body, ctx)
  if (refused !== undefined) throw refused
  if (!isOk(res.status)) throw reading.unreadable(res.status, `HTTP ${res.status} without an error description`, ctx)
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  throw reading.misfit?.(res.status, body, ctx) ?? reading.malformed(res.status, describeIssues(parsed.error), ctx)
}
