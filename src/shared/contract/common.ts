// Building blocks every feature's wire shapes use: decimals as text, ids, dates, safe names, the domain enums.
import { z } from 'zod'
import { APP_MODES, CODE_STATES, ORDER_STATES, PROVIDER_KINDS } from '../domain'

/** A decimal amount as text: no floats cross the boundary. */
export const DecimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,12})?$/, 'must be a decimal number such as 12.50')

export const Money = z.object({ amount: DecimalText, currency: z.string().min(1).max(12) })

export type Money = z.infer<typeof Money>

export const Id = z.string().min(1).max(128)

/** A date ("2026-11-01": a local calendar day) or an ISO date-time ("2026-11-01T14:30:00Z"). */
export const DateText = z
  .string()
  .trim()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00` : s)), 'must be a date such as 2026-11-01 or 2026-11-01T14:30:00Z')
/** A decimal amount that is zero or more. */
export const NonNegativeDecimal = DecimalText.refine((s) => !s.startsWith('-'), 'must not be negative')
/** A decimal amount greater than zero. */
export const PositiveDecimal = DecimalText.refine((s) => !s.startsWith('-') && /[1-9]/.test(s), 'must be greater than zero')

export const Name = z.string().trim().min(1, 'is required').max(80)

/**
 * Characters no name may hold: C0/C1 controls and DEL (a NUL cuts a name short in C code, a newline forges lines in
 * logs and CSV), and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that let a
 * name display as something else ("‮moc.elpmaxe"). Arabic and other right-to-left letters are fine, as are the
 * direction marks (LRM/RLM/ALM), which cannot reorder the text around them.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

export function hasUnsafeNameChars(s: string): boolean {
  return UNSAFE_NAME_CHARS.test(s)
}

export const NAME_CHARS_MESSAGE = 'must not contain control characters or text-direction overrides'
/** A name people give (an account, a staff profile): trimmed, bounded, and free of characters that hide what it says. */
export function nameSchema(opts: { required: string; max: number }) {
  return z
    .string()
    .trim()
    .min(1, opts.required)
    .max(opts.max, `must be at most ${opts.max} characters`)
    .refine((s) => !hasUnsafeNameChars(s), NAME_CHARS_MESSAGE)
}

export const Url = z
  .string()
  .trim()
  .url('must be a web address such as https://example.com')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://')
  .max(500)

export const Secret = z.string().trim().min(1, 'is required').max(4096)

export const ProviderKind = z.enum(PROVIDER_KINDS)

export const OrderState = z.enum(ORDER_STATES)

export const CodeState = z.enum(CODE_STATES)

export const AppMode = z.enum(APP_MODES)
