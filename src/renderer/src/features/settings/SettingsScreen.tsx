// Settings of this data folder: how long a copied code stays on the clipboard, the logs folder for support, and the
// backups with the recovery key.
import { useState, type FormEvent } from 'react'
import { call, toUiError } from '../../api'
import { t } from '../../i18n'
import { useLoadedList } from '../../state/list-store'
import { Button } from '../../ui/Button'
import { TextField } from '../../ui/Field'
import { LoadError } from '../../ui/LoadState'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { BackupsPanel } from './BackupsPanel'
import { checkClipboardSeconds } from './rules'
import { useSettings } from './settings-store'

export function SettingsScreen() {
  return (
    <div className="screen" data-testid="screen-settings">
      <ScreenHeader title={t.settings.settingsTitle} />
      <AppSettingsPanel />
      <BackupsPanel />
    </div>
  )
}

/** App settings of this data folder: for now, how long a copied code stays on the clipboard; and the logs folder. */
function AppSettingsPanel() {
  const value = useSettings((s) => s.value)
  const loading = useLoadedList(useSettings)
  const update = useSettings((s) => s.update)
  const saving = useSettings((s) => s.saving)
  // null: the box shows the saved value; text: what the person is typing.
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | undefined>()
  const [logsNote, setLogsNote] = useState<string | undefined>()

  async function openLogs() {
    try {
      const r = await call('app.openLogsFolder', {})
      setLogsNote(r.opened ? undefined : t.settings.logsFolderUnavailable)
    } catch (e) {
      setLogsNote(toUiError(e).message)
    }
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault()
    const checked = checkClipboardSeconds(draft ?? String(value?.clipboardClearSeconds ?? ''))
    if (!checked.ok) return setError(checked.message)
    try {
      await update({ clipboardClearSeconds: checked.value })
      setDraft(null)
      setError(undefined)
    } catch (e) {
      const ui = toUiError(e)
      setError(ui.fields['clipboardClearSeconds'] ?? ui.message)
    }
  }

  return (
    <section className="panel" data-testid="settings-panel">
      <LoadError {...loading} />
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t.settings.clipboardSeconds}
          value={draft ?? (value ? String(value.clipboardClearSeconds) : '')}
          onValue={(v) => {
            setDraft(v)
            setError(undefined)
          }}
          inputMode="numeric"
          hint={t.settings.clipboardSecondsHint}
          error={error}
          disabled={!value}
          testId="settings-clipboard-seconds"
        />
        <Button type="submit" variant="primary" busy={saving} busyLabel={t.common.saving} disabled={!value} testId="settings-save">
          {t.common.save}
        </Button>
      </form>
      <div className="settings-logs">
        <Button type="button" onClick={() => void openLogs()} testId="settings-open-logs">
          {t.settings.openLogsFolder}
        </Button>
        <p className="field-hint">{t.settings.openLogsFolderHint}</p>
        {logsNote && (
          <p className="field-hint" role="status" data-testid="settings-logs-note">
            {logsNote}
          </p>
        )}
      </div>
    </section>
  )
}
