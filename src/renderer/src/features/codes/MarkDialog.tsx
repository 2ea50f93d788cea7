import { useState } from 'react'
import { toUiError } from '../../api'
import { Button } from '../../ui/Button'
import { Dialog } from '../../ui/Dialog'
import { TextField } from '../../ui/Field'
import { t } from '../../i18n'
import { useCodes, type MarkTo } from './store'

/** Asks before marking the selected codes sold (with an optional note) or void (a reason is required). */
export function MarkDialog({ to, onClose }: { to: MarkTo; onClose(): void }) {
  const count = useCodes((s) => s.selected.size)
  const busy = useCodes((s) => s.marking)
  const mark = useCodes((s) => s.mark)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const isVoid = to === 'void'

  async function confirm() {
    if (isVoid && !reason.trim()) return setError(t.codes.voidReasonRequired)
    try {
      await mark(to, reason)
      onClose()
    } catch (e) {
      const ui = toUiError(e)
      if (ui.fields['reason']) setError(t.codes.voidReasonRequired)
    }
  }

  return (
    <Dialog
      title={isVoid ? t.codes.voidTitle(count) : t.codes.markSoldTitle(count)}
      onClose={onClose}
      testId="mark-dialog"
      actions={
        <>
          <Button onClick={onClose} testId="mark-cancel">
            {t.common.cancel}
          </Button>
          <Button type="submit" form="mark-form" variant={isVoid ? 'danger' : 'primary'} busy={busy} busyLabel={t.common.working} testId="mark-confirm">
            {isVoid ? t.codes.voidConfirm : t.codes.markSold}
          </Button>
        </>
      }
    >
      <form
        id="mark-form"
        className="dialog-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void confirm()
        }}
      >
        <p className="dialog-text">{isVoid ? t.codes.voidText : t.codes.markSoldText}</p>
        <TextField
          label={isVoid ? t.codes.voidReason : t.codes.markSoldNote}
          optional={!isVoid}
          value={reason}
          onValue={(v) => {
            setReason(v)
            setError(undefined)
          }}
          placeholder={isVoid ? t.codes.voidReasonPlaceholder : undefined}
          error={error}
          maxLength={500}
          autoComplete="off"
          autoFocus
          required={isVoid}
          testId="mark-reason"
        />
      </form>
    </Dialog>
  )
}
