// Shown after unlocking, before anything else, until someone says who is at the desk.
import { ProfilePicker } from './ProfilePicker'
import { t } from '../../i18n'
import { useSession } from '../../state/session'

export function ProfileScreen() {
  const demo = useSession((s) => s.info?.mode === 'demo')
  return (
    <main className="unlock" data-testid="profile-screen">
      <div className="unlock-card">
        <h1 className="unlock-title">{t.profile.title}</h1>
        <p className="muted">{t.profile.text}</p>
        {demo && (
          <p className="profile-demo" role="note">
            <span className="mode-badge mode-badge-demo" data-testid="mode-badge" data-mode="demo">
              {t.topbar.demoBadge}
            </span>{' '}
            {t.profile.demoNote}
          </p>
        )}
        <ProfilePicker />
      </div>
    </main>
  )
}
