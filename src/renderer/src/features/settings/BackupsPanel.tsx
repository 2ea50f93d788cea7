// Settings → Backups: the folder, the last backup, "Back up now", "Restore", "Show recovery key" and "Make a new
// recovery key".
import { useEffect, useState } from 'react'
import { toUiError } from '../../api'
import { formatTimeFull } from '../../format/time'
import { t } from '../../i18n'
import { useBackups } from './backups-store'
import { Button } from '../../ui/Button'
import { Dialog } from '../../ui/Dialog'
import { RecoveryKeyDialog } from './RecoveryKeyDialog'
import { chooseBackupFile, RestoreDialog } from './RestoreDialog'

export function BackupsPanel() {
  const value = useBackups((s) => s.value)
  const status = useBackups((s) => s.status)
  const error = useBackups((s) => s.error)
  const working = useBackups((s) => s.working)
  const load = useBackups((s) => s.load)
  const backUpNow = useBackups((s) => s.backUpNow)
  const chooseFolder = useBackups((s) => s.chooseFolder)
  const [showKey, setShowKey] = useState(false)
  const [restoring, setRestoring] = useState<Awaited<ReturnType<typeof chooseBackupFile>>>(null)
  const [picking, setPicking] = useState(false)
  const [confirmNewKey, setConfirmNewKey] = useState(false)
  const [newKeyBusy, setNewKeyBusy] = useState(false)
  const [newKeyError, setNewKeyError] = useState<string | null>(null)
  const newKey = useBackups((s) => s.newKey)

  async function makeNewKey() {
    setNewKeyBusy(true)
    setNewKeyError(null)
    try {
      await newKey()
      setConfirmNewKey(false)
      setShowKey(true) // shows the new key, to be written down
    } catch (e) {
      setNewKeyError(toUiError(e).message)
    } finally {
      setNewKeyBusy(false)
    }
  }

  useEffect(() => {
    void load()
  }, [load])

  async function pickBackup() {
    setPicking(true)
    try {
      setRestoring(await chooseBackupFile())
    } finally {
      setPicking(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="backups-title" data-testid="backups-panel">
      <h2 id="backups-title" className="panel-title">
        {t.backups.title}
      </h2>
      <p className="muted">{t.backups.intro}</p>
      {status === 'failed' && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {value && (
        <dl className="facts">
          <dt>{t.backups.folder}</dt>
          <dd data-testid="backup-folder">
            <code>{value.folder}</code>
            {value.folderIsDefault && <p className="field-hint">{t.backups.folderDefault}</p>}
          </dd>
          <dt>{t.backups.last}</dt>
          <dd data-testid="backup-last" data-at={value.last?.at ?? ''}>
            {value.last ? formatTimeFull(value.last.at) : t.backups.never}
          </dd>
          <dt>{t.backups.next}</dt>
          <dd>{formatTimeFull(value.nextDueAt)}</dd>
          {value.lastError && (
            <>
              <dt>{t.backups.lastError}</dt>
              <dd className="field-error" data-testid="backup-last-error">
                {formatTimeFull(value.lastError.at)}: {value.lastError.message}
              </dd>
            </>
          )}
        </dl>
      )}
      <p className="field-hint">{t.backups.schedule}</p>
      <div className="form-actions">
        <Button variant="primary" onClick={() => void backUpNow()} busy={working === 'backup'} busyLabel={t.backups.backingUp} disabled={!value} testId="backup-now">
          {t.backups.backUpNow}
        </Button>
        <Button onClick={() => void chooseFolder(false)} busy={working === 'folder'} busyLabel={t.common.working} disabled={!value} testId="backup-choose-folder">
          {t.backups.chooseFolder}
        </Button>
        {value && !value.folderIsDefault && (
          <Button variant="ghost" onClick={() => void chooseFolder(true)} testId="backup-default-folder">
            {t.backups.useDefaultFolder}
          </Button>
        )}
        <Button onClick={() => setShowKey(true)} disabled={!value?.recoveryKey.exists} testId="backup-show-key">
          {value && !value.recoveryKey.exists ? t.backups.keyMissing : t.backups.showKey}
        </Button>
        <Button variant="ghost" onClick={() => setConfirmNewKey(true)} disabled={!value?.recoveryKey.exists} testId="backup-new-key">
          {t.backups.newKey}
        </Button>
        <Button variant="ghost" onClick={() => void pickBackup()} busy={picking} busyLabel={t.common.working} testId="backup-restore">
          {t.backups.restore}
        </Button>
      </div>
      {confirmNewKey && (
        <Dialog
          title={t.backups.newKeyTitle}
          onClose={() => setConfirmNewKey(false)}
          testId="new-key-dialog"
          actions={
            <>
              <Button onClick={() => setConfirmNewKey(false)} disabled={newKeyBusy}>
                {t.common.cancel}
              </Button>
              <Button variant="danger" onClick={() => void makeNewKey()} busy={newKeyBusy} busyLabel={t.common.working} testId="new-key-confirm">
                {t.backups.newKeyConfirm}
              </Button>
            </>
          }
        >
          <p>{t.backups.newKeyText}</p>
          {newKeyError && (
            <p role="alert" className="field-error">
              {newKeyError}
            </p>
          )}
        </Dialog>
      )}
      {showKey && <RecoveryKeyDialog isNew={false} onClose={() => setShowKey(false)} />}
      {restoring && <RestoreDialog chosen={restoring} onClose={() => setRestoring(null)} />}
    </section>
  )
}
