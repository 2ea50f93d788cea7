// Hyper's envelopes: `{data, success:true, message}` and `{data:null, success:false, message, errorCode}` (a refused
// basket adds `items`, its failing lines), with the HTTP status each error code comes with. The seed says to branch
// on errorCode but lists none: these are the codes the simulator and the adapter agree on (UPSTREAMS.md §4).
import type { SimReply } from '../common/http'
import { toJsonText, type JsonValue } from '../common/json-text'
import { formatAmount } from './money'

export type HyperErrorCode =
  | 'VALIDATION_ERROR'
  | 'REGION_NOT_SUPPORTED'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'INVALID_CREDENTIALS'
  | 'UNAUTHORIZED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID'
  | 'BASKET_INVALID'
  | 'INSUFFICIENT_BALANCE'
  | 'CATEGORY_NOT_FOUND'
  | 'PRODUCT_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_NOT_CANCELLABLE'
  | 'ORDER_ALREADY_CANCELLED'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'UPSTREAM_UNAVAILABLE'
  | 'SERVICE_UNAVAILABLE'

/** Why one basket line was refused (in `items`). */
export type LineErrorCode =
  | 'INVALID_DELIVER_ID'
  | 'DUPLICATE_DELIVER_ID'
  | 'PRODUCT_NOT_FOUND'
  | 'PRODUCT_INACTIVE'
  | 'INVALID_QUANTITY'
  | 'REQUIRE_DATA_MISSING'
  | 'REQUIRE_DATA_INVALID'
  | 'OUT_OF_STOCK'

export const HTTP_STATUS_OF: Record<HyperErrorCode, number> = {
  VALIDATION_ERROR: 400,
  REGION_NOT_SUPPORTED: 400,
  METHOD_NOT_ALLOWED: 405,
  NOT_FOUND: 404,
  INVALID_CREDENTIALS: 401,
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  BASKET_INVALID: 400,
  INSUFFICIENT_BALANCE: 400,
  CATEGORY_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  ORDER_NOT_CANCELLABLE: 400,
  ORDER_ALREADY_CANCELLED: 400,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  UPSTREAM_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' }

export function jsonReply(status: number, value: JsonValue, extraHeaders: Record<string, string> = {}): SimReply {
  return { status, headers: { ...JSON_HEADERS, ...extraHeaders }, body: toJsonText(value, formatAmount) }
}

export function okReply(data: JsonValue, message = 'Success'): SimReply {
  return jsonReply(200, { data, success: true, message })
}

export interface ErrorReplyOptions {
  headers?: Record<string, string>
  /** Overrides the table's status. */
  status?: number
  /** A refused basket's failing lines. */
  items?: JsonValue[]
}

export function errorReply(code: HyperErrorCode, message: string, opts: ErrorReplyOptions = {}): SimReply {
  return jsonReply(
    opts.status ?? HTTP_STATUS_OF[code],
    { data: null, success: false, message, errorCode: code, items: opts.items },
    opts.headers
  )
}
