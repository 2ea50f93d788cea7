// Restore a backup: the file is picked in the main process's dialog (the window never names a path), then opened
// with its recovery key, its passphrase, or this computer's keychain (a pre-update backup of a keychain vault). What
// is on this computer now is shown against the backup, so an older backup never hides newer purchases unannounced.
// A wrong key, or a damaged or altered file, is said here, and nothing changes.
import { useState, type FormEvent } from 'react'
import type { z } from 'zod'
import type { BackupChosenView } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useNotices } from '../../state/notices'
import { useSession } from '../../state/session'
import { Button } from '../../ui/Button'
import { Dialog } from '../../ui/Dialog'
import { TextField } from '../../ui/Field'

type Chosen = Extract<z.infer<typeof BackupChosenView>, { status: 'chosen' }>

/** Opens the file picker; resolves to the chosen backup (or null when cancelled). Errors go to the notices. */
export async function chooseBackupFile(): Promise<Chosen | null> {
  try {
    const r = await call('backup.chooseFile', {})
    return r.status === 'chosen' ? r : null
  } catch (e) {
    useNotices.getState().pushError(e)
    return null
  }
}

export function RestoreDialog({ chosen, onClose }: { chosen: Chosen; onClose(): void }) {
  const [using, setUsing] = useState<'recoveryKey' | 'passphrase' | 'thisComputer'>(
    chosen.opensWith.recoveryKey ? 'recoveryKey' : chosen.opensWith.passphrase ? 'passphrase' : 'thisComputer'
  )
  const hidden = chosen.current
    ? { codes: Math.max(0, chosen.current.codes - chosen.counts.codes), orders: Math.max(0, chosen.current.orders - chosen.counts.orders) }
    : null
  const [secret, setSecret] = useState('')
  const [newPassphrase, setNewPassphrase] = useState('')
  const [errors, setErrors] = useState<{ secret?: string; newPassphrase?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      const r = await call('backup.restore', {
        token: chosen.token,
        ...(using === 'recoveryKey' ? { recoveryKey: secret } : using === 'passphrase' ? { passphrase: secret } : { thisComputer: true as const }),
        ...(chosen.needsNewPassphrase ? { newPassphrase } : {})
      })
      useNotices.getState().push('success', t.backups.restored(r.movedAside))
      onClose()
      await useSession.getState().load() // a new session: every screen starts again from the restored data
    } catch (err) {
      const ui = toUiError(err)
      setErrors({
        ...(ui.fields['newPassphrase'] ? { newPassphrase: ui.fields['newPassphrase'] } : {}),
        ...(ui.fields['newPassphrase'] ? {} : { secret: ui.fields['recoveryKey'] ?? ui.fields['passphrase'] ?? ui.message })
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t.backups.restoreTitle(chosen.fileName)}
      onClose={onClose}
      testId="restore-dialog"
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>
            {t.common.cancel}
          </Button>
          <Button variant="danger" type="submit" form="restore-form" busy={busy} busyLabel={t.backups.restoring} testId="restore-confirm">
            {t.backups.restoreConfirm}
          </Button>
        </>
      }
    >
      <form id="restore-form" onSubmit={(e) => void submit(e)} noValidate>
        <p>{t.backups.restoreSummary(formatTimeFull(chosen.createdAt), chosen.counts.codes, chosen.counts.orders)}</p>
        {chosen.current && (
          <p data-testid="restore-current">{t.backups.restoreNow(chosen.current.codes, chosen.current.orders)}</p>
        )}
        {hidden && (hidden.codes > 0 || hidden.orders > 0) && (
          <p role="alert" className="field-error" data-testid="restore-hides">
            {t.backups.restoreHides(hidden.codes, hidden.orders)}
          </p>
        )}
        <p className="muted">{t.backups.restoreWarning}</p>
        {chosen.opensWith.recoveryKey && chosen.opensWith.passphrase && (
          <fieldset className="radio-row">
            <label>
              <input type="radio" name="using" checked={using === 'recoveryKey'} onChange={() => setUsing('recoveryKey')} /> {t.backups.useRecoveryKey}
            </label>
            <label>
              <input type="radio" name="using" checked={using === 'passphrase'} onChange={() => setUsing('passphrase')} /> {t.backups.usePassphrase}
            </label>
          </fieldset>
        )}
        {using === 'thisComputer' && <p data-testid="restore-this-computer">{t.backups.thisComputerText}</p>}
        {using !== 'thisComputer' && (
          <TextField
            label={using === 'recoveryKey' ? t.backups.recoveryKey : t.backups.passphrase}
            hint={using === 'recoveryKey' ? t.backups.recoveryKeyHint : undefined}
            type={using === 'recoveryKey' ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onValue={setSecret}
            error={errors.secret}
            testId="restore-secret"
            autoFocus
          />
        )}
        {using === 'thisComputer' && errors.secret && (
          <p role="alert" className="field-error">
            {errors.secret}
          </p>
        )}
        {chosen.needsNewPassphrase && (
          <TextField
            label={t.backups.newPassphrase}
            hint={t.backups.newPassphraseHint}
            type="password"
            autoComplete="new-password"
            value={newPassphrase}
            onValue={setNewPassphrase}
            error={errors.newPassphrase}
            testId="restore-new-passphrase"
          />
        )}
      </form>
    </Dialog>
  )
}
