import { t } from '../i18n'
import { useNav } from '../state/nav'
import { modifierLabel } from './keyboard'
import { SCREENS, SHORTCUT_SCREENS } from './screens'
import { useWindowTitle } from './window-title'

export function Sidebar() {
  const screen = useNav((s) => s.screen)
  const go = useNav((s) => s.go)
  const mod = modifierLabel()
  useWindowTitle()
  return (
    <nav className="sidebar" aria-label={t.nav.label}>
      <ul>
        {SCREENS.map(({ id: s, badge: Badge }) => {
          const digit = SHORTCUT_SCREENS.indexOf(s) + 1
          return (
            <li key={s}>
              <button
                type="button"
                className={`nav-item${screen === s ? ' nav-active' : ''}`}
                aria-current={screen === s ? 'page' : undefined}
                onClick={() => go(s)}
                data-testid={`nav-${s}`}
              >
                <span className="nav-label">{t.nav[s]}</span>
                {Badge && <Badge />}
                {digit > 0 && (
                  <kbd className="nav-kbd" aria-hidden="true">
                    {t.nav.shortcut(mod, digit)}
                  </kbd>
                )}
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
