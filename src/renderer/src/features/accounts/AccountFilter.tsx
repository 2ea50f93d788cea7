// "Account: All accounts / …": the account filter of the screens that list things per account.
import { SelectField } from '../../ui/Field'
import { useAccounts } from './store'

export function AccountFilter({ label, anyLabel, value, onValue, testId }: { label: string; anyLabel: string; value: string; onValue(accountId: string): void; testId: string }) {
  const accounts = useAccounts((s) => s.list)
  return <SelectField label={label} value={value} onValue={onValue} options={[{ value: '', label: anyLabel }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]} testId={testId} />
}
