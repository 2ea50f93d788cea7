// Digiseller's reply shapes: the account API's {retval, retdesc, errors, content}; seller-sells' older top-level
// {retval, retdesc, total_rows, pages, page, rows}; apilogin's {retval, desc, endesc, token, seller_id, valid_thru};
// and ASP.NET's own {"Message": …} for unknown paths and methods. Errors are HTTP 200 with retval 1 (assumed), except
// rate limiting (429, so clients back off) and the injected server faults.
import type { SimReply } from '../common/http'
import { toJsonText, type JsonValue } from '../common/json-text'
import { formatAmount } from './money'
import { EMPTY_DATE_TIME } from './time'

/** The `errors[].code` values the simulator speaks (Digiseller documents none; the adapter knows these). */
export type SimErrorCode = 'token_invalid' | 'token_expired' | 'rate_limited' | 'invalid_parameter' | 'internal_error'

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' }

export function jsonReply(status: number, value: JsonValue, headers: Record<string, string> = {}): SimReply {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: toJsonText(value, formatAmount) }
}

export interface ErrorOptions {
  status?: number
  headers?: Record<string, string>
}

export function contentReply(content: JsonValue): SimReply {
  return jsonReply(200, { retval: 0, retdesc: null, errors: null, content })
}

export function envelopeError(code: SimErrorCode, message: string, opts: ErrorOptions = {}): SimReply {
  return jsonReply(opts.status ?? 200, { retval: 1, retdesc: message, errors: [{ code, message }], content: null }, opts.headers)
}

/** seller-sells' refusal: the older envelope has only retval and retdesc to say what went wrong. */
export function sellsError(message: string, opts: ErrorOptions = {}): SimReply {
  return jsonReply(opts.status ?? 200, { retval: 1, retdesc: message, total_rows: 0, pages: 0, page: 0, rows: null }, opts.headers)
}

export function loginRefusal(retval: number, desc: string, endesc: string, opts: ErrorOptions = {}): SimReply {
  return jsonReply(opts.status ?? 200, { retval, desc, endesc, token: null, seller_id: 0, valid_thru: EMPTY_DATE_TIME }, opts.headers)
}

export function aspNetError(status: number, message: string): SimReply {
  return jsonReply(status, { Message: message })
}
