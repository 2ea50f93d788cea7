// AI Digital Tools' replies: plain JSON objects, and [assume] errors as `{error: "<message>"}` with the seed's statuses.
import type { SimReply } from '../common/http'
import { toJsonText, type JsonValue } from '../common/json-text'
import { jsonAmount } from './money'

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' }

export function jsonReply(status: number, value: JsonValue, extraHeaders: Record<string, string> = {}): SimReply {
  return { status, headers: { ...JSON_HEADERS, ...extraHeaders }, body: toJsonText(value, jsonAmount) }
}

export function okReply(value: JsonValue, status = 200): SimReply {
  return jsonReply(status, value)
}

export function errorReply(status: number, message: string, headers: Record<string, string> = {}): SimReply {
  return jsonReply(status, { error: message }, headers)
}
