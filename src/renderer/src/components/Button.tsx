import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost'

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  variant?: Variant
  size?: 'sm' | 'md'
  /** Shows the busy label and blocks a second click while work is under way. */
  busy?: boolean
  busyLabel?: ReactNode
  type?: 'button' | 'submit'
  testId?: string
  ref?: Ref<HTMLButtonElement>
}

export function Button({ variant = 'secondary', size = 'md', busy = false, busyLabel, type = 'button', testId, className, disabled, children, ref, ...rest }: ButtonProps) {
  const cls = ['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <button ref={ref} type={type} className={cls} disabled={disabled || busy} aria-busy={busy || undefined} data-testid={testId} {...rest}>
      {busy && busyLabel !== undefined ? busyLabel : children}
    </button>
  )
}
