import type { ReactNode } from 'react'
import type { CodeState, OrderState } from '../../../shared/domain'
import { isActiveState } from '../../../shared/domain'
import { t } from '../i18n'

const ORDER_TONE: Record<OrderState, string> = {
  planned: 'active',
  submitting: 'active',
  submitted: 'active',
  processing: 'active',
  completed: 'ok',
  partially_completed: 'warn',
  failed: 'bad',
  cancelled: 'neutral',
  needs_review: 'attention'
}

const CODE_TONE: Record<CodeState, string> = { in_stock: 'ok', exported: 'info', sold: 'neutral', void: 'bad' }

export function OrderStatePill({ state, testId = 'state-pill' }: { state: OrderState; testId?: string }) {
  return (
    <span className={`pill pill-${ORDER_TONE[state]}`} data-testid={testId} data-state={state}>
      {isActiveState(state) && <span className="pill-pulse" aria-hidden="true" />}
      {t.orderStates[state]}
    </span>
  )
}

export function CodeStatePill({ state, testId = 'code-state-pill' }: { state: CodeState; testId?: string }) {
  return (
    <span className={`pill pill-${CODE_TONE[state]}`} data-testid={testId} data-state={state}>
      {t.codeStates[state]}
    </span>
  )
}

export function Pill({ tone, children, testId, title }: { tone: 'ok' | 'warn' | 'bad' | 'neutral' | 'info' | 'attention' | 'active'; children: ReactNode; testId?: string; title?: string }) {
  return (
    <span className={`pill pill-${tone}`} data-testid={testId} title={title}>
      {children}
    </span>
  )
}
