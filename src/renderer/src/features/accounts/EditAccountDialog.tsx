// Editing an account: its name, warning level and timing. Empty boxes go back to the supplier's documented values.
import { useState, type FormEvent } from 'react'
import type { AccountView } from '../../../../shared/contract'
import { t } from '../../i18n'
import { Button } from '../../ui/Button'
import { Dialog } from '../../ui/Dialog'
import { TextField } from '../../ui/Field'
import { FormErrorList, ThresholdField, timingOf, TimingFields, useAccountForm } from './account-form'
import { useAccounts } from './store'

export function EditAccountDialog({ account, onClose }: { account: AccountView; onClose(): void }) {
  const update = useAccounts((s) => s.update)
  const [name, setName] = useState(account.name)
  const form = useAccountForm({ threshold: account.settings.lowBalanceThreshold ?? '', timing: timingOf(account.settings) })
  const formId = `edit-account-${account.id}`

  function submit(ev: FormEvent) {
    ev.preventDefault()
    void form.submit(
      (e) => {
        if (!name.trim()) e.name = t.accounts.required
      },
      async (settings) => {
        // Empty boxes are sent as null: back to the supplier's documented value.
        await update({ accountId: account.id, name: name.trim(), settings })
        onClose()
      }
    )
  }

  return (
    <Dialog
      title={t.accounts.editTitle(account.name)}
      onClose={onClose}
      testId="account-edit-dialog"
      actions={
        <>
          <Button onClick={onClose} testId="account-edit-cancel">
            {t.common.cancel}
          </Button>
          <Button type="submit" form={formId} variant="primary" busy={form.busy} busyLabel={t.common.saving} testId="account-edit-save">
            {t.common.save}
          </Button>
        </>
      }
    >
      <form id={formId} className="dialog-form" onSubmit={submit} noValidate>
        <TextField
          label={t.accounts.name}
          value={name}
          onValue={(v) => {
            setName(v)
            form.setErrors((e) => ({ ...e, name: undefined }))
          }}
          error={form.errors.name}
          maxLength={80}
          testId="account-edit-name"
        />
        <ThresholdField form={form} label={`${t.accounts.threshold} (${account.currency})`} testId="account-edit-threshold" autoFocus />
        <TimingFields form={form} testIdPrefix="account-edit" />
        <FormErrorList messages={form.formError} testId="account-edit-error" />
      </form>
    </Dialog>
  )
}
