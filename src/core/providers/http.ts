// The one HTTP client every adapter talks through. It waits for the account's rate limiter before each attempt,
// retries only what is safe to repeat, and turns transport failures into UpstreamErrors that say whether the
// request can have reached the upstream (that decides whether a create-order may be retried or must be reconciled).
// Status codes ≥ 400 are returned, not thrown: each adapter knows its own error envelope.
// Secrets travel in headers and query strings, so neither the URL nor the headers ever go into an error or a log.
import { resolveProxy } from '../net/proxy'
import axios, { type AxiosInstance } from 'axios'
import { UpstreamError } from '../errors'
import type { HttpClient, HttpRequest, HttpResponse, RequestGate } from './types'

export interface HttpClientOptions {
  baseUrl: string
  gate?: RequestGate
  /** Whole-request deadline per attempt (connect + reply), default 20 s. */
  timeoutMs?: number
  /** Extra attempts for idempotent requests, default 3. */
  maxRetries?: number
  /** Injectable so tests need not wait for backoff. */
  sleep?: (ms: number) => Promise<void>
  /** The upstream's name for messages, e.g. "DigetalHube". */
  label?: string
}

export const DEFAULT_TIMEOUT_MS = 20_000
const DEFAULT_MAX_RETRIES = 3
const RETRY_STATUSES = new Set([429, 502, 503, 504])
const BACKOFF_BASE_MS = 500
const BACKOFF_CAP_MS = 30_000
const RETRY_AFTER_CAP_MS = 60_000
const MAX_REPLY_BYTES = 20 * 1024 * 1024

/** Errors meaning the request never reached a server: nothing can have been placed. */
const NEVER_CONNECTED = new Map<string, string>([
  ['ECONNREFUSED', 'the connection was refused'],
  ['ENOTFOUND', 'its server name could not be found'],
  ['EAI_AGAIN', 'its server name could not be looked up'],
  ['EHOSTUNREACH', 'there is no network route to it'],
  ['ENETUNREACH', 'there is no network route to it'],
  ['ENETDOWN', 'the network is down'],
  ['EADDRNOTAVAIL', 'the network address is not available']
])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'])

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Retry-After as milliseconds (delta seconds or an HTTP date), capped at 60 s; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_CAP_MS)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.min(Math.max(at - now, 0), RETRY_AFTER_CAP_MS)
}

/** Exponential backoff with jitter: attempt 0 → 250–500 ms, 1 → 500–1000 ms, … capped. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_CAP_MS)
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

export function buildUrl(baseUrl: string, path: string, query: HttpRequest['query']): string {
  const base = baseUrl.replace(/\/+$/, '')
  const rel = path === '' ? '' : path.startsWith('/') ? path : `/${path}`
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.append(key, String(value))
  }
  const qs = params.toString()
  if (qs === '') return base + rel
  return `${base}${rel}${rel.includes('?') ? '&' : '?'}${qs}`
}

function secondsText(ms: number): string {
  const s = Math.round(ms / 100) / 10
  return s === 1 ? '1 second' : `${s} seconds`
}

/** Every errno-like code on an error, its cause, and (happy-eyeballs) AggregateError members. */
function errorCodes(err: unknown): string[] {
  const codes: string[] = []
  const visit = (e: unknown, depth: number): void => {
    if (depth > 3 || typeof e !== 'object' || e === null) return
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
    visit((e as { cause?: unknown }).cause, depth + 1)
    const members = (e as { errors?: unknown }).errors
    if (Array.isArray(members)) for (const m of members) visit(m, depth + 1)
  }
  visit(err, 0)
  return codes
}

/**
 * A transport failure as an UpstreamError. The cause is a bare Error carrying only the errno code: the
 * original axios error holds the request config (headers with the key, the URL with a query key).
 */
export function networkError(err: unknown, opts: { label: string; timeoutMs: number; timedOut: boolean }): UpstreamError {
  const codes = errorCodes(err)
  const cause = new Error(codes[0] ?? 'network error')
  const isTimeout = opts.timedOut || codes.some((c) => TIMEOUT_CODES.has(c))
  if (isTimeout) {
    return new UpstreamError('TIMEOUT', `${opts.label} did not answer within ${secondsText(opts.timeoutMs)}.`, {
      placement: 'unknown',
      retryable: true,
      cause
    })
  }
  const neverConnected = codes.map((c) => NEVER_CONNECTED.get(c)).find((why) => why !== undefined)
  if (neverConnected !== undefined) {
    return new UpstreamError(
      'NETWORK',
      `Could not reach ${opts.label}: ${neverConnected}. Check the internet connection and the account's web address.`,
      { placement: 'not_placed', retryable: true, cause }
    )
  }
  return new UpstreamError('NETWORK', `The connection to ${opts.label} broke before its answer arrived.`, {
    placement: 'unknown',
    retryable: true,
    cause
  })
}

function flattenHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof raw !== 'object' || raw === null) return out
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null) continue
    out[key.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value)
  }
  return out
}

function isIdempotent(req: HttpRequest): boolean {
  return req.idempotent ?? req.method === 'GET'
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const label = opts.label ?? 'The supplier'
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES
  const sleep = opts.sleep ?? defaultSleep
  const gate = opts.gate
  const instance: AxiosInstance = axios.create({
    // Never axios's own reading of the environment: the proxy is chosen per request below (core/net/proxy.ts).
    proxy: false,
    // A redirect could carry the X-API-Key header to another host, and would turn a POST into a GET.
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxContentLength: MAX_REPLY_BYTES
  })

  async function attempt(req: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers }
    let data: string | undefined
    if (req.body !== undefined) {
      data = typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json'
    }
    // axios' own `timeout` is a socket-idle timer; this deadline also covers a reply that trickles in forever.
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    try {
      const url = buildUrl(opts.baseUrl, req.path, req.query)
      const res = await instance.request<string>({
        method: req.method,
        url,
        proxy: await resolveProxy(url),
        headers,
        data,
        timeout: timeoutMs,
        signal: controller.signal
      })
      return { status: res.status, headers: flattenHeaders(res.headers), text: typeof res.data === 'string' ? res.data : '' }
    } catch (err) {
      throw networkError(err, { label, timeoutMs, timedOut })
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const retries = isIdempotent(req) ? maxRetries : 0
      for (let n = 0; ; n++) {
        await gate?.acquire(req.bucket ?? 'default', req.priority ?? 'low')
        let res: HttpResponse
        try {
          res = await attempt(req)
        } catch (err) {
          if (n >= retries || !(err instanceof UpstreamError) || !err.retryable) throw err
          await sleep(backoffDelay(n))
          continue
        }
        const delay = parseRetryAfter(res.headers['retry-after']) ?? backoffDelay(n)
        // A 429 is about the whole key, not this request: pause every request of the account, retried or not.
        if (res.status === 429) gate?.backoff(delay)
        if (n >= retries || !RETRY_STATUSES.has(res.status)) return res
        await sleep(delay)
      }
    }
  }
}
