// Shown before anything else when the vault needs a passphrase (no usable OS keychain).
import { useState, type FormEvent } from 'react'
import { toUiError } from '../api'
import { Button } from '../ui/Button'
import { TextField } from '../ui/Field'
import { t } from '../i18n'
import { useSession } from '../state/session'

export function UnlockScreen({ creating }: { creating: boolean }) {
  const unlock = useSession((s) => s.unlock)
  const setMode = useSession((s) => s.setMode)
  const mode = useSession((s) => s.info?.mode)
  const switching = useSession((s) => s.switching)
  const [passphrase, setPassphrase] = useState('')
  const [repeat, setRepeat] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [repeatError, setRepeatError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(undefined)
    setRepeatError(undefined)
    if (passphrase.length < 8) {
      setError(t.vault.tooShort)
      return
    }
    if (creating && passphrase !== repeat) {
      setRepeatError(t.vault.mismatch)
      return
    }
    setBusy(true)
    try {
      await unlock(passphrase)
      setPassphrase('')
      setRepeat('')
    } catch (err) {
      const ui = toUiError(err)
      setError(ui.fields['passphrase'] ?? ui.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="unlock" data-testid="unlock-screen">
      <form className="unlock-card" onSubmit={(e) => void submit(e)} data-testid="unlock-form" noValidate>
        <h1 className="unlock-title">{creating ? t.vault.createTitle : t.vault.unlockTitle}</h1>
        <p className="muted">{creating ? t.vault.createText : t.vault.unlockText}</p>
        <TextField
          label={t.vault.passphrase}
          type="password"
          autoComplete={creating ? 'new-password' : 'current-password'}
          value={passphrase}
          onValue={setPassphrase}
          error={error}
          testId="unlock-passphrase"
          autoFocus
        />
        {creating && (
          <TextField
            label={t.vault.passphraseRepeat}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onValue={setRepeat}
            error={repeatError}
            testId="unlock-passphrase-repeat"
          />
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} busyLabel={t.common.working} testId="unlock-submit">
            {creating ? t.vault.create : t.vault.unlock}
          </Button>
          {mode === 'live' && (
            <Button variant="ghost" onClick={() => void setMode('demo')} busy={switching} busyLabel={t.topbar.switching} testId="unlock-use-demo">
              {t.vault.useDemo}
            </Button>
          )}
        </div>
      </form>
    </main>
  )
}
