// JSON text with exact decimal numbers. JSON.stringify can only print JS floats; upstreams print money as
// bare number tokens (48.95, 50.00), and a simulator must emit those digits exactly, without passing them
// through a binary float. Decimal values are printed with a caller-chosen formatter.
import Decimal from 'decimal.js'

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | Decimal
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined }

export type DecimalFormatter = (value: Decimal) => string

const plain: DecimalFormatter = (d) => d.toFixed()

export function toJsonText(value: JsonValue, formatDecimal: DecimalFormatter = plain): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot put ${value} in JSON`)
    return JSON.stringify(value)
  }
  if (Decimal.isDecimal(value)) return formatDecimal(value)
  if (Array.isArray(value)) return `[${value.map((v: JsonValue) => toJsonText(v, formatDecimal)).join(',')}]`
  const entries = Object.entries(value as { readonly [key: string]: JsonValue | undefined })
    .filter((entry): entry is [string, JsonValue] => entry[1] !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v, formatDecimal)}`)
  return `{${entries.join(',')}}`
}
