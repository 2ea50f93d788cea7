// Errors carry a stable `code` for the program and a `message` a shop assistant can act on.
// Nothing secret (keys, codes) may ever go into a message: messages reach logs and the screen.

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VAULT_LOCKED'
  | 'WRONG_PASSPHRASE'
  | 'VAULT_CORRUPT'
  | 'AUTH_MISSING'
  | 'AUTH_INVALID'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_BALANCE'
  | 'OUT_OF_STOCK'
  | 'INVALID_QUANTITY'
  | 'PRODUCT_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'BAD_REQUEST'
  | 'DUPLICATE_REFERENCE'
  | 'NOT_CANCELLABLE'
  | 'UPSTREAM_FAILED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'MALFORMED_REPLY'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'UNSUPPORTED'
  | 'FILE_WRITE_FAILED'
  | 'BACKUP_INVALID'
  | 'DATA_DAMAGED'
  | 'DATA_UNAVAILABLE'
  | 'INTERNAL'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields: Record<string, string> | undefined
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; fields?: Record<string, string> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.fields = options?.fields
  }
}

/**
 * Whether a failed create-order request may have placed an order upstream.
 * - `not_placed`: the upstream answered and refused (or we never connected): safe to retry or fail.
 * - `unknown`: the request may have reached the upstream (timeout, dropped connection, garbled or 5xx reply):
 *   the order must be reconciled, never blindly re-sent.
 */
export type Placement = 'not_placed' | 'unknown'

export class UpstreamError extends AppError {
  readonly httpStatus: number | undefined
  /** The upstream's own error code, e.g. INSUFFICIENT_BALANCE. */
  readonly upstreamCode: string | undefined
  /** From Retry-After, or our backoff suggestion for a 429/5xx. */
  readonly retryAfterMs: number | undefined
  readonly placement: Placement
  /** Whether trying the same call again later can succeed (429, 5xx, network) */
  readonly retryable: boolean
  constructor(
    code: ErrorCode,
    message: string,
    options: {
      httpStatus?: number
      upstreamCode?: string
      retryAfterMs?: number
      placement?: Placement
      retryable?: boolean
      cause?: unknown
    } = {}
  ) {
    super(code, message, { cause: options.cause })
    this.name = 'UpstreamError'
    this.httpStatus = options.httpStatus
    this.upstreamCode = options.upstreamCode
    this.retryAfterMs = options.retryAfterMs
    this.placement = options.placement ?? 'not_placed'
    this.retryable = options.retryable ?? false
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}

/** Turn anything thrown into a code + message fit for the screen; unexpected errors never leak internals. */
export function toPublicError(e: unknown): { code: string; message: string; fields?: Record<string, string> } {
  if (e instanceof AppError) {
    return e.fields ? { code: e.code, message: e.message, fields: e.fields } : { code: e.code, message: e.message }
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside ResellerDesk. Nothing was bought or lost; please try again.' }
}
