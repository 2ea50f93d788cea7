// App-wide shortcuts: Ctrl/⌘+1…9 switch screens (app/screens.ts), `/` jumps to the catalog search, Escape is left to screens.
import { useEffect } from 'react'
import { t } from '../i18n'
import { useNav } from '../state/nav'
import { SHORTCUT_SCREENS } from './screens'

function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
}

export function modifierLabel(): string {
  return isMac() ? t.nav.modCmd : t.nav.modCtrl
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT'
}

export function useGlobalShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing) return
      // A modal dialog owns the keyboard.
      if (document.querySelector('dialog[open]')) return
      const mod = isMac() ? e.metaKey : e.ctrlKey
      if (mod && !e.altKey && !e.shiftKey && /^[1-9]$/.test(e.key)) {
        const screen = SHORTCUT_SCREENS[Number(e.key) - 1]
        if (screen) {
          e.preventDefault()
          useNav.getState().go(screen)
        }
        return
      }
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault()
        useNav.getState().focusSearch()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}
