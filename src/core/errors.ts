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
  | 'DISK_FULL'
  | 'STORAGE_BUSY'
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

export const DISK_FULL_MESSAGE =
  'The disk is full, so ResellerDesk could not save. Nothing is lost: orders stay in the journal and their codes stay with the supplier. Free some space and ResellerDesk carries on where it stopped.'

/**
 * What a storage failure (better-sqlite3's SqliteError, told apart by its `code`) means for people; null when `e`
 * is not one we can explain. The one place SQLite's codes become words: Storage.transaction rethrows through it, and
 * toPublicError uses it for any that escape elsewhere.
 */
export function fromStorageError(e: unknown): AppError | null {
  if (e instanceof AppError || !(e instanceof Error)) return null
  const code = (e as { code?: unknown }).code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null
  // SQLITE_FULL: the disk (or the page limit) is full. SQLITE_IOERR_WRITE with ENOSPC underneath reads the same way.
  if (code === 'SQLITE_FULL' || /disk is full|no space left/i.test(e.message)) return new AppError('DISK_FULL', DISK_FULL_MESSAGE, { cause: e })
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('STORAGE_BUSY', 'The data folder is busy: another ResellerDesk window or command is writing to it. Try again in a moment.', { cause: e })
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    if (/accounts\.name/.test(e.message)) return new AppError('CONFLICT', 'An account with that name already exists. Choose another name.', { cause: e, fields: { name: 'This name is taken' } })
    return new AppError('CONFLICT', 'That would clash with something already saved (it may have just been changed elsewhere). Reload and try again.', { cause: e })
  }
  return null
}

/** Turn anything thrown into a code + message fit for the screen; unexpected errors never leak internals. */
export function toPublicError(e: unknown): { code: string; message: string; fields?: Record<string, string> } {
  e = fromStorageError(e) ?? e
  if (e instanceof AppError) {
    return e.fields ? { code: e.code, message: e.message, fields: e.fields } : { code: e.code, message: e.message }
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside ResellerDesk. Nothing was bought or lost; please try again.' }
}
