// Each screen's title. On arrival the title takes the focus (unless the screen focuses something more
// useful), so keyboard and screen-reader users land at the top of the new screen.
import { useEffect, useRef, type ReactNode } from 'react'

export function ScreenHeader({ title, children, focusOnMount = true }: { title: ReactNode; children?: ReactNode; focusOnMount?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusOnMount) ref.current?.focus({ preventScroll: true })
  }, [focusOnMount])
  return (
    <header className="screen-header">
      <h1 ref={ref} tabIndex={-1} className="screen-title">
        {title}
      </h1>
      {children && <div className="screen-tools">{children}</div>}
    </header>
  )
}
