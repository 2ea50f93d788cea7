// DigetalHube's envelopes: {success:true, …, timestamp} and {success:false, error:{code, message}, timestamp},
// with the HTTP status the seed's error table gives each code.
import type { SimReply } from '../common/http'
import { toJsonText, type JsonValue } from '../common/json-text'
import { formatUsdt } from './money'

export type DhErrorCode =
  | 'BAD_REQUEST'
  | 'MISSING_FIELD'
  | 'INVALID_QUANTITY'
  | 'INSUFFICIENT_STOCK'
  | 'INSUFFICIENT_BALANCE'
  | 'INVALID_ACTION'
  | 'UNAUTHORIZED'
  | 'INVALID_API_KEY'
  | 'PRODUCT_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'ORDER_CREATION_FAILED'
  | 'UPSTREAM_ERROR'
  | 'SERVICE_ERROR'

export const HTTP_STATUS_OF: Record<DhErrorCode, number> = {
  BAD_REQUEST: 400,
  MISSING_FIELD: 400,
  INVALID_QUANTITY: 400,
  INSUFFICIENT_STOCK: 400,
  INSUFFICIENT_BALANCE: 400,
  INVALID_ACTION: 400,
  UNAUTHORIZED: 401,
  INVALID_API_KEY: 401,
  PRODUCT_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  ORDER_CREATION_FAILED: 500,
  UPSTREAM_ERROR: 502,
  SERVICE_ERROR: 503
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' }

function jsonReply(status: number, value: JsonValue, extraHeaders: Record<string, string> = {}): SimReply {
  return { status, headers: { ...JSON_HEADERS, ...extraHeaders }, body: toJsonText(value, formatUsdt) }
}

export function okReply(payload: Record<string, JsonValue>, timestamp: number): SimReply {
  return jsonReply(200, { success: true, ...payload, timestamp })
}

export interface ErrorReplyOptions {
  headers?: Record<string, string>
  /** Overrides the table's status (only the http500 fault uses it: SERVICE_ERROR with HTTP 500). */
  status?: number
}

export function errorReply(code: DhErrorCode, message: string, timestamp: number, opts: ErrorReplyOptions = {}): SimReply {
  return jsonReply(opts.status ?? HTTP_STATUS_OF[code], { success: false, error: { code, message }, timestamp }, opts.headers)
}
