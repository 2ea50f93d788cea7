// Keyboard moves between table rows: ↑/↓ (and Home/End) move the focus, Enter activates the row.
import type { KeyboardEvent } from 'react'

export function rowKeyDown(onActivate?: () => void) {
  return (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return // keys inside a row's buttons and inputs are theirs
    const row = e.currentTarget
    let next: Element | null = null
    switch (e.key) {
      case 'ArrowDown':
        next = row.nextElementSibling
        break
      case 'ArrowUp':
        next = row.previousElementSibling
        break
      case 'Home':
        next = row.parentElement?.firstElementChild ?? null
        break
      case 'End':
        next = row.parentElement?.lastElementChild ?? null
        break
      case 'Enter':
      case ' ':
        if (onActivate) {
          e.preventDefault()
          onActivate()
        }
        return
      default:
        return
    }
    if (next instanceof HTMLElement) {
      e.preventDefault()
      next.focus()
    }
  }
}
