// Shown instead of everything else when the live data cannot be opened (damaged or missing database): what is
// wrong, the latest backup by name, and the restore right here — never a crash loop and never a new empty vault.
import { useState } from 'react'
import { Button } from '../../ui/Button'
import { chooseBackupFile, RestoreDialog } from './RestoreDialog'
import { t } from '../../i18n'

export function DamagedScreen({ problem }: { problem: string }) {
  const [restoring, setRestoring] = useState<Awaited<ReturnType<typeof chooseBackupFile>>>(null)
  const [picking, setPicking] = useState(false)
  return (
    <main className="unlock" data-testid="damaged-screen">
      <div className="unlock-card" role="alert">
        <h1 className="unlock-title">{t.backups.damagedTitle}</h1>
        <p data-testid="damaged-problem">{problem}</p>
        <div className="form-actions">
          <Button
            variant="primary"
            busy={picking}
            busyLabel={t.common.working}
            testId="damaged-restore"
            onClick={() => {
              setPicking(true)
              void chooseBackupFile()
                .then(setRestoring)
                .finally(() => setPicking(false))
            }}
          >
            {t.backups.restore}
          </Button>
        </div>
      </div>
      {restoring && <RestoreDialog chosen={restoring} onClose={() => setRestoring(null)} />}
    </main>
  )
}
