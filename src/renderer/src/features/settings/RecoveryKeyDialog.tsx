// The recovery key on screen: shown once at set-up (and for an older vault when it gets one), and again on request
// from Settings → Backups. The key is fetched only while this dialog is open and dropped when it closes.
import { useEffect, useState } from 'react'
import { toUiError } from '../../api'
import { t } from '../../i18n'
import { useBackups } from './backups-store'
import { Button } from '../../ui/Button'
import { Dialog } from '../../ui/Dialog'

export function RecoveryKeyDialog({ isNew, onClose }: { isNew: boolean; onClose(): void }) {
  const revealKey = useBackups((s) => s.revealKey)
  const keySeen = useBackups((s) => s.keySeen)
  const [words, setWords] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    revealKey().then(
      (w) => live && setWords(w),
      (e: unknown) => live && setError(toUiError(e).message)
    )
    return () => {
      live = false
    }
  }, [revealKey])

  async function done() {
    setBusy(true)
    try {
      await keySeen()
      onClose()
    } catch (e) {
      setError(toUiError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t.backups.keyTitle}
      onClose={onClose}
      testId="recovery-key-dialog"
      actions={
        <Button variant="primary" onClick={() => void done()} busy={busy} busyLabel={t.common.working} disabled={!words} testId="recovery-key-seen">
          {t.backups.keySeen}
        </Button>
      }
    >
      {isNew && <p>{t.backups.keyNewText}</p>}
      <p className="muted">{t.backups.keyText}</p>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : (
        <p className="recovery-key" data-testid="recovery-key-words" aria-busy={!words}>
          {words ?? t.common.loading}
        </p>
      )}
    </Dialog>
  )
}

/**
 * A strip at the top of every screen while the vault's recovery key has not been confirmed as written down (a new
 * vault, or an older one that just got its key). A strip, not a modal that pops up by itself: the person may be in
 * the middle of a sale, and the key should be written down calmly — but it stays until they have.
 */
export function RecoveryKeyPrompt() {
  const value = useBackups((s) => s.value)
  const load = useBackups((s) => s.load)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    void load()
  }, [load])
  if (!value || !value.recoveryKey.exists || value.recoveryKey.acknowledged) return null
  return (
    <div className="recovery-strip" role="note" data-testid="recovery-key-prompt">
      <span>{t.backups.keyPrompt}</span>
      <Button size="sm" variant="primary" onClick={() => setOpen(true)} testId="recovery-key-prompt-show">
        {t.backups.showKey}
      </Button>
      {open && <RecoveryKeyDialog isNew onClose={() => setOpen(false)} />}
    </div>
  )
}
