// A list screen's table with everything around it: the load error with a Retry, the empty message once loaded, the
// scrolling box, and the header row from a list of columns (numbers right-aligned; the actions column named for screen
// readers only). The rows are the caller's.
import type { ReactNode, Ref } from 'react'
import type { LoadStatus } from '../state/list-store'
import { LoadState } from './LoadState'

export interface Column {
  label: ReactNode
  /** 'num': right-aligned (amounts, counts). 'actions': the row buttons' column, its label read by screen readers
   *  only; 'actions-shown': the same with its label shown. */
  kind?: 'num' | 'actions' | 'actions-shown'
}

interface DataTableProps {
  status: LoadStatus
  error: string | null
  onRetry(): void
  isEmpty: boolean
  emptyText: ReactNode
  emptyTestId: string
  columns: readonly Column[]
  testId: string
  /** Rows are focusable and open something (Enter, double-click). */
  interactive?: boolean
  bodyRef?: Ref<HTMLTableSectionElement>
  /** Below the table (limits, key hints), shown with it. */
  foot?: ReactNode
  children: ReactNode
}

export function DataTable({ status, error, onRetry, isEmpty, emptyText, emptyTestId, columns, testId, interactive, bodyRef, foot, children }: DataTableProps) {
  return (
    <LoadState status={status} error={error} onRetry={onRetry} isEmpty={isEmpty} emptyText={emptyText} emptyTestId={emptyTestId}>
      <div className="table-wrap">
        <table className={interactive ? 'table table-interactive' : 'table'} data-testid={testId} aria-busy={status === 'loading' || undefined}>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col" className={c.kind === 'num' ? 'num' : c.kind ? 'actions-col' : undefined}>
                  {c.kind === 'actions' ? <span className="visually-hidden">{c.label}</span> : c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={bodyRef}>{children}</tbody>
        </table>
      </div>
      {foot}
    </LoadState>
  )
}
