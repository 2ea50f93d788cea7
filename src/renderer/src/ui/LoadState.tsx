// What a list screen shows around its table: the load error with a Retry, the empty message once loaded, or the
// table itself (kept on screen while a reload is under way or has failed).
import type { ReactNode } from 'react'
import type { LoadStatus } from '../state/list-store'
import { t } from '../i18n'
import { Button } from './Button'

/** The load error (only once a load has failed) with a Retry button. */
export function LoadError({ status, error, onRetry }: { status: LoadStatus; error: string | null; onRetry(): void }) {
  if (status !== 'failed' || !error) return null
  return (
    <div className="alert alert-error" role="alert">
      {error} <Button size="sm" onClick={onRetry}>{t.common.retry}</Button>
    </div>
  )
}

interface LoadStateProps {
  status: LoadStatus
  /** With `onRetry`: the error to show once a load has failed. Left out where the screen shows it elsewhere. */
  error?: string | null
  onRetry?(): void
  isEmpty: boolean
  emptyText: ReactNode
  emptyTestId: string
  /** The table: rendered whenever there is something to show. */
  children: ReactNode
}

export function LoadState({ status, error = null, onRetry, isEmpty, emptyText, emptyTestId, children }: LoadStateProps) {
  return (
    <>
      {onRetry && <LoadError status={status} error={error} onRetry={onRetry} />}
      {status === 'ready' && isEmpty && (
        <p className="empty" data-testid={emptyTestId}>
          {emptyText}
        </p>
      )}
      {!isEmpty && children}
    </>
  )
}
