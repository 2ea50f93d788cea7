import { useEffect, useState } from 'react'
import { hasBridge } from '../api'
import { DamagedScreen, ProfileScreen, RecoveryKeyPrompt } from '../features/settings'
import { t } from '../i18n'
import { loadSessionData, resetSessionData } from '../state/events'
import { useNav } from '../state/nav'
import { useSession } from '../state/session'
import { Button } from '../ui/Button'
import { useGlobalShortcuts } from './keyboard'
import { screenView } from './screens'
import { Sidebar } from './Sidebar'
import { Toasts } from './Toasts'
import { TopBar } from './TopBar'
import { UnlockScreen } from './UnlockScreen'

export function App() {
  const status = useSession((s) => s.status)
  const info = useSession((s) => s.info)
  const error = useSession((s) => s.error)
  const load = useSession((s) => s.load)
  const screen = useNav((s) => s.screen)
  const unlocked = info?.vault === 'unlocked'
  // One key per session (demo or live data directory); the screens mount only once it is set up.
  const sessionKey = unlocked && info ? `${info.mode}|${info.dataDir}` : null
  const [readyKey, setReadyKey] = useState<string | null>(null)

  useEffect(() => {
    void load()
  }, [load])

  // A new session (first start, unlock, demo ↔ live): drop what was shown and load its data.
  useEffect(() => {
    if (!sessionKey) return
    resetSessionData()
    const current = useSession.getState().info
    useNav.getState().go(current && current.accountsCount === 0 ? 'accounts' : 'catalog')
    setReadyKey(sessionKey)
    void loadSessionData()
  }, [sessionKey])

  useGlobalShortcuts(unlocked && Boolean(info?.profile))

  if (!hasBridge()) return <Fatal message={t.errors.noBridge} />
  if (status === 'failed') return <Fatal message={error ?? t.errors.startFailed} onRetry={() => void load()} />
  if (status === 'loading' || !info || (unlocked && readyKey !== sessionKey)) {
    return (
      <div className="splash" aria-busy="true" data-testid="splash">
        {t.common.loading}
      </div>
    )
  }
  if (info.vault === 'damaged') {
    return (
      <>
        <DamagedScreen problem={info.problem ?? t.errors.startFailed} />
        <Toasts />
      </>
    )
  }
  if (!unlocked) {
    return (
      <>
        <UnlockScreen creating={info.vault === 'new-needs-passphrase'} />
        <Toasts />
      </>
    )
  }

  // Every reveal, copy and export is audited with a name: ask for one before the main screens.
  if (!info.profile) {
    return (
      <>
        <ProfileScreen />
        <Toasts />
      </>
    )
  }

  const View = screenView(screen)
  return (
    <div className="shell" data-testid="app" data-mode={info.mode}>
      <TopBar />
      <Sidebar />
      <main className="content" id="content">
        {info.mode === 'live' && <RecoveryKeyPrompt />}
        <View key={`${info.mode}-${screen}`} />
      </main>
      <Toasts />
    </div>
  )
}

function Fatal({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <main className="unlock" data-testid="fatal">
      <div className="unlock-card" role="alert">
        <h1 className="unlock-title">{t.appName}</h1>
        <p>{message}</p>
        {onRetry && (
          <div className="form-actions">
            <Button variant="primary" onClick={onRetry}>
              {t.common.retry}
            </Button>
          </div>
        )}
      </div>
    </main>
  )
}
