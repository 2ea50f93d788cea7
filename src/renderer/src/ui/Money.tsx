import type { Money as MoneyT } from '../../../shared/contract'
import { formatAmount } from '../format/money'
import { t } from '../i18n'

export function Money({ value, testId, className }: { value: MoneyT | null | undefined; testId?: string; className?: string }) {
  if (!value) return <span className="muted">{t.common.none}</span>
  return (
    <span className={['money', className ?? ''].filter(Boolean).join(' ')} data-testid={testId} data-amount={value.amount} data-currency={value.currency}>
      <span className="money-amount">{formatAmount(value.amount)}</span> <span className="money-currency">{value.currency}</span>
    </span>
  )
}
