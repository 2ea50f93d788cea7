// "Who is at the desk?": the names used before on this computer (profile.list) as one-click choices, or a new
// name typed in. Used full-screen at start and in the top bar's Switch dialog.
import { useEffect, useState, type FormEvent } from 'react'
import { call, toUiError } from '../../api'
import { t } from '../../i18n'
import { useSession } from '../../state/session'
import { Button } from '../../ui/Button'
import { TextField } from '../../ui/Field'

const MAX_NAME = 60

export function ProfilePicker({ onChosen, autoFocus = true }: { onChosen?(name: string): void; autoFocus?: boolean }) {
  const selectProfile = useSession((s) => s.selectProfile)
  const current = useSession((s) => s.info?.profile ?? null)
  const [known, setKnown] = useState<string[] | null>(null)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    call('profile.list', {})
      .then((r) => live && setKnown(r.profiles))
      .catch(() => live && setKnown([])) // typing a name still works
    return () => {
      live = false
    }
  }, [])

  async function choose(chosen: string) {
    if (busy !== null) return
    setBusy(chosen)
    setError(undefined)
    try {
      await selectProfile(chosen)
      onChosen?.(chosen)
    } catch (e) {
      const ui = toUiError(e)
      setError(ui.fields['name'] ?? ui.message)
    } finally {
      setBusy(null)
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    const typed = name.trim()
    if (!typed) return setError(t.profile.nameRequired)
    if (typed.length > MAX_NAME) return setError(t.profile.nameTooLong)
    void choose(typed)
  }

  // Rendered once the names are known, so autofocus lands on the right control.
  if (known === null) return <p className="muted">{t.common.loading}</p>
  const others = known.filter((n) => n !== current)
  return (
    <div className="profile-picker" data-testid="profile-picker">
      {others.length > 0 && (
        <section aria-labelledby="profile-known">
          <h2 id="profile-known" className="field-label">
            {t.profile.known}
          </h2>
          <ul className="profile-list">
            {others.map((n, i) => (
              <li key={n}>
                <Button onClick={() => void choose(n)} busy={busy === n} busyLabel={t.common.working} autoFocus={autoFocus && i === 0} testId="profile-option" data-name={n}>
                  {n}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form className="profile-new" onSubmit={submit} noValidate>
        <TextField
          label={others.length > 0 ? t.profile.newName : t.profile.yourName}
          value={name}
          onValue={(v) => {
            setName(v)
            setError(undefined)
          }}
          placeholder={t.profile.newNamePlaceholder}
          error={error}
          autoComplete="off"
          maxLength={MAX_NAME}
          autoFocus={autoFocus && others.length === 0}
          testId="profile-new-name"
          fieldClassName="grow"
        />
        <Button type="submit" variant="primary" busy={busy !== null && busy === name.trim()} busyLabel={t.common.working} testId="profile-submit">
          {t.profile.continue}
        </Button>
      </form>
    </div>
  )
}
