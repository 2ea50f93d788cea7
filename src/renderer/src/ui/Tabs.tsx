// Tabs in the WAI-ARIA pattern: one Tab stop for the list, ←/→ (and Home/End) move and select, the panel follows.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface TabItem<K extends string> {
  id: K
  label: ReactNode
}

interface TabsProps<K extends string> {
  label: string
  tabs: readonly TabItem<K>[]
  current: K
  onSelect(id: K): void
  children: ReactNode
  testId: string
}

export function Tabs<K extends string>({ label, tabs, current, onSelect, children, testId }: TabsProps<K>) {
  const base = useId()
  const listRef = useRef<HTMLDivElement>(null)

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = tabs.length - 1
    const next = e.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null
    if (next === null) return
    e.preventDefault()
    const tab = tabs[next]
    if (!tab) return
    onSelect(tab.id)
    listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus()
  }

  return (
    <>
      <div ref={listRef} role="tablist" aria-label={label} className="tabs" data-testid={testId}>
        {tabs.map((tab, i) => {
          const on = tab.id === current
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={on}
              aria-controls={`${base}-panel`}
              tabIndex={on ? 0 : -1}
              className={`tab${on ? ' tab-on' : ''}`}
              onClick={() => onSelect(tab.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
              data-testid={`${testId}-${tab.id}`}
            >
              {tab.label}
            </button>
          )
        })}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current}`} className="tab-panel">
        {children}
      </div>
    </>
  )
}
