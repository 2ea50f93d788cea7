// A modal <dialog>: the browser traps focus, Escape cancels, focus returns where it was on close.
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { t } from '../i18n'
import { Button } from './Button'

interface DialogProps {
  title: ReactNode
  children: ReactNode
  onClose(): void
  actions: ReactNode
  testId?: string
}

export function Dialog({ title, children, onClose, actions, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (dialog && !dialog.open) dialog.showModal()
    return () => {
      if (dialog?.open) dialog.close()
      opener?.focus()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </dialog>
  )
}

interface ConfirmProps {
  title: ReactNode
  message: ReactNode
  confirmLabel: ReactNode
  danger?: boolean
  busy?: boolean
  onConfirm(): void
  onCancel(): void
  testId?: string
}

export function ConfirmDialog({ title, message, confirmLabel, danger, busy, onConfirm, onCancel, testId = 'confirm-dialog' }: ConfirmProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      testId={testId}
      actions={
        <>
          <Button onClick={onCancel} testId="confirm-cancel" autoFocus>
            {t.common.cancel}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} busy={busy} busyLabel={t.common.working} testId="confirm-ok">
            {confirmLabel}
          </Button>
        </>
      }
    >
      <p>{message}</p>
    </Dialog>
  )
}
