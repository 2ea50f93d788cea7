// Reading upstream JSON without ever turning money into a binary float, plus the zod pieces every adapter
// uses to validate those replies. JSON.parse would read 1.05 as the double 1.0500000000000000444…; here a
// fractional number keeps its source text ("1.05", "10.50") and only safe integers become JS numbers.
import Decimal from 'decimal.js'
import { parse } from 'lossless-json'
import { z } from 'zod'
import { UpstreamError } from '../errors'
import { normalize } from '../money'

const PLAIN_INTEGER = /^-?\d+$/
/** The JSON number grammar; anything lossless-json hands us as a number matches it. */
const JSON_NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/
/** Longest amount text we accept after expanding an exponent; beyond this it is garbage, not money. */
const MAX_AMOUNT_DIGITS = 40

function parseNumberExactly(text: string): number | string {
  if (PLAIN_INTEGER.test(text)) {
    const n = Number(text)
    // -0 is still zero; unsafe integers fall through and stay exact as text.
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n
  }
  return text
}

/**
 * Parse an upstream reply body. Safe integers become numbers; every other number (fractions, huge integers,
 * exponents) becomes its exact source text. Invalid JSON throws MALFORMED_REPLY with placement 'unknown'
 * (the reply was garbled, so a create request may have gone through); callers may rethrow with their own
 * placement and message. The parser's own message is not kept: it quotes bits of the body, which may hold codes.
 */
export function parseUpstreamJson(text: string): unknown {
  try {
    return parse(text, null, parseNumberExactly)
  } catch {
    throw new UpstreamError('MALFORMED_REPLY', 'The reply was not valid JSON (it may be a web page or cut off).', {
      placement: 'unknown'
    })
  }
}

/** An amount as parsed above (decimal text or safe integer) → normalized decimal text, or null if it is not one. */
export function amountText(value: string | number): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? normalize(String(value)) : null
  if (!JSON_NUMBER_TEXT.test(value)) return null
  // Exponents are legal JSON ("1.05e1"); decimal.js expands them exactly.
  const plain = /[eE]/.test(value) ? new Decimal(value).toFixed() : value
  if (plain.length > MAX_AMOUNT_DIGITS) return null
  return normalize(plain)
}

/** A money amount: decimal text (how parseUpstreamJson delivers fractions) or a safe integer → normalized text. */
export const zAmount = z.union([z.string(), z.number()]).transform((value, ctx): string => {
  const text = amountText(value)
  if (text === null) {
    ctx.addIssue({ code: 'custom', message: 'expected an amount' })
    return z.NEVER
  }
  return text
})

/** A whole number. Strict: a string such as "50" is refused, so a changed API shows up as an error, not a guess. */
export const zInt = z.int()

/** An id the upstream sends as a number or a string; always text for us. */
export const zIdString = z.union([z.string().min(1).max(128), z.int()]).transform((v) => String(v))

/** The booleans PHP-style APIs send: true/false, 1/0, "1"/"0", "true"/"false". */
export const zLooseBool = z
  .union([z.boolean(), z.literal(1), z.literal(0), z.literal('1'), z.literal('0'), z.literal('true'), z.literal('false')])
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true')
