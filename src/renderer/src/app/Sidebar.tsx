import { t } from '../i18n'
import { useBuy } from '../features/buy'
import { SCREENS, useNav } from '../state/nav'
import { modifierLabel } from './keyboard'
import { useWindowTitle } from './window-title'

export function Sidebar() {
  const screen = useNav((s) => s.screen)
  const go = useNav((s) => s.go)
  const basket = useBuy((s) => s.lines.length)
  const mod = modifierLabel()
  useWindowTitle()
  return (
    <nav className="sidebar" aria-label={t.nav.label}>
      <ul>
        {SCREENS.map((s, i) => (
          <li key={s}>
            <button
              type="button"
              className={`nav-item${screen === s ? ' nav-active' : ''}`}
              aria-current={screen === s ? 'page' : undefined}
              onClick={() => go(s)}
              data-testid={`nav-${s}`}
            >
              <span className="nav-label">{t.nav[s]}</span>
              {s === 'buy' && basket > 0 && (
                <span className="nav-badge" aria-label={t.nav.basketCount(basket)} data-testid="nav-basket-count">
                  {basket}
                </span>
              )}
              <kbd className="nav-kbd" aria-hidden="true">
                {t.nav.shortcut(mod, i + 1)}
              </kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
