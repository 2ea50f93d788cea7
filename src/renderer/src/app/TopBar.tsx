import { useState } from 'react'
import { t } from '../i18n'
import { useBalances } from '../state/balances'
import { useNav } from '../state/nav'
import { useSession } from '../state/session'
import { Button } from '../ui/Button'
import { ConfirmDialog, Dialog } from '../ui/Dialog'
import { Money } from '../ui/Money'
import { ProfilePicker } from '../features/settings'
import { useNotices } from '../state/notices'

export function TopBar() {
  const info = useSession((s) => s.info)
  const switching = useSession((s) => s.switching)
  const setMode = useSession((s) => s.setMode)
  const balances = useBalances((s) => s.list)
  const refreshing = useBalances((s) => s.refreshing)
  const refresh = useBalances((s) => s.refresh)
  const go = useNav((s) => s.go)
  const [confirming, setConfirming] = useState(false)
  const [switchingProfile, setSwitchingProfile] = useState(false)
  const demo = info?.mode === 'demo'
  const profile = info?.profile ?? null

  return (
    <div className="top" data-testid="topbar">
      {demo && (
        <div className="demo-strip" role="note" data-testid="demo-banner">
          <span className="mode-badge mode-badge-demo" data-testid="mode-badge" data-mode="demo">
            {t.topbar.demoBadge}
          </span>
          <span className="demo-text">{t.topbar.demoText}</span>
          <Button size="sm" onClick={() => setConfirming(true)} busy={switching} busyLabel={t.topbar.switching} testId="switch-to-live">
            {t.topbar.switchToLive}
          </Button>
        </div>
      )}
      <header className="topbar">
        <div className="brand">{t.appName}</div>
        {!demo && (
          <div className="mode">
            <span className="mode-badge mode-badge-live" data-testid="mode-badge" data-mode="live">
              {t.topbar.liveBadge}
            </span>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} busy={switching} busyLabel={t.topbar.switching} testId="switch-to-demo">
              {t.topbar.switchToDemo}
            </Button>
          </div>
        )}
      <section className="balances" aria-label={t.topbar.balances} data-testid="balances-summary">
        {balances.length === 0 ? (
          <span className="muted">{t.topbar.noBalances}</span>
        ) : (
          <ul className="balance-chips">
            {balances.map((b) => (
              <li key={b.accountId}>
                <button
                  type="button"
                  className={`balance-chip${b.low ? ' balance-low' : ''}`}
                  onClick={() => go('balances')}
                  title={t.topbar.chipTitle}
                  data-testid="balance-chip"
                  data-account-id={b.accountId}
                  data-account-name={b.accountName}
                  data-amount={b.available.amount}
                  data-low={b.low}
                >
                  <span className="balance-name">{b.accountName}</span>
                  <Money value={b.available} />
                  {b.low && <span className="balance-flag">{t.topbar.low}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
        <Button size="sm" variant="ghost" onClick={() => void refresh()} busy={refreshing} busyLabel={t.common.working} testId="balances-refresh">
          {t.topbar.refreshBalances}
        </Button>
      </section>
      {profile && (
        <div className="profile-chip" data-testid="profile-current" data-name={profile}>
          <span className="muted small">{t.topbar.profileLabel}</span>
          <span className="strong">{profile}</span>
          <Button size="sm" variant="ghost" onClick={() => setSwitchingProfile(true)} aria-label={t.topbar.switchProfileLabel(profile)} testId="profile-switch">
            {t.topbar.switchProfile}
          </Button>
        </div>
      )}
      </header>
      {switchingProfile && (
        <Dialog
          title={t.profile.switchTitle}
          onClose={() => setSwitchingProfile(false)}
          testId="profile-dialog"
          actions={
            <Button onClick={() => setSwitchingProfile(false)} testId="profile-dialog-cancel">
              {t.common.cancel}
            </Button>
          }
        >
          <p className="dialog-text">{t.profile.text}</p>
          <ProfilePicker
            onChosen={(name) => {
              setSwitchingProfile(false)
              useNotices.getState().push('success', t.profile.switched(name))
            }}
          />
        </Dialog>
      )}
      {confirming && (
        <ConfirmDialog
          title={demo ? t.topbar.confirmLiveTitle : t.topbar.confirmDemoTitle}
          message={demo ? t.topbar.confirmLiveText : t.topbar.confirmDemoText}
          confirmLabel={demo ? t.topbar.switchToLive : t.topbar.switchToDemo}
          busy={switching}
          testId="switch-mode-dialog"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            void setMode(demo ? 'live' : 'demo').finally(() => setConfirming(false))
          }}
        />
      )}
    </div>
  )
}
