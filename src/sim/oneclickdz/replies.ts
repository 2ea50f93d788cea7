// OneClickDz's envelopes: {success:true, data, meta:{timestamp, pagination?}, requestId} and
// {success:false, error:{code, message, details}, requestId}, with the HTTP status each code comes with
// ([docs]: 400, 401, 403, 404, 429, 500, 503; code names the docs do not give are ours).
import type { SimReply } from '../common/http'
import { toJsonText, type JsonValue } from '../common/json-text'
import { wireDzd } from './money'

export type OcErrorCode =
  | 'ERR_VALIDATION'
  | 'DUPLICATED_REF'
  | 'OUT_OF_STOCK'
  | 'MISSING_ACCESS_TOKEN'
  | 'INVALID_ACCESS_TOKEN'
  | 'INSUFFICIENT_BALANCE'
  | 'NO_BALANCE'
  | 'IP_BLOCKED'
  | 'INSUFFICIENT_PERMISSIONS'
  | 'NOT_FOUND'
  | 'PRODUCT_NOT_FOUND'
  | 'TYPE_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'RATE_LIMIT_EXCEEDED'
  | 'INTERNAL_ERROR'
  | 'BAD_GATEWAY'
  | 'SERVICE_UNAVAILABLE'

export const HTTP_STATUS_OF: Record<OcErrorCode, number> = {
  ERR_VALIDATION: 400,
  DUPLICATED_REF: 400,
  OUT_OF_STOCK: 400,
  MISSING_ACCESS_TOKEN: 401,
  INVALID_ACCESS_TOKEN: 401,
  INSUFFICIENT_BALANCE: 403,
  NO_BALANCE: 403,
  IP_BLOCKED: 403,
  INSUFFICIENT_PERMISSIONS: 403,
  NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  TYPE_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' }

/** Per-reply stamp: the ISO time and a request id like the docs' "req_1730163600_abc123". */
export interface Stamp {
  timestamp: string
  requestId: string
}

function jsonReply(status: number, value: JsonValue, extraHeaders: Record<string, string> = {}): SimReply {
  return { status, headers: { ...JSON_HEADERS, ...extraHeaders }, body: toJsonText(value, wireDzd) }
}

export function okReply(data: JsonValue, stamp: Stamp, extraMeta: Record<string, JsonValue> = {}): SimReply {
  return jsonReply(200, { success: true, data, meta: { timestamp: stamp.timestamp, ...extraMeta }, requestId: stamp.requestId })
}

export function errorReply(
  code: OcErrorCode,
  message: string,
  stamp: Stamp,
  opts: { details?: Record<string, JsonValue>; headers?: Record<string, string> } = {}
): SimReply {
  return jsonReply(
    HTTP_STATUS_OF[code],
    { success: false, error: { code, message, details: opts.details ?? {} }, requestId: stamp.requestId },
    opts.headers
  )
}
