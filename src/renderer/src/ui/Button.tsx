import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost'

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  variant?: Variant
  size?: 'sm' | 'md'
  /**
   * Shows the busy label and ignores further clicks while work is under way. The button is not `disabled`
   * meanwhile: disabling the focused element would drop the keyboard user's focus to the page.
   */
  busy?: boolean
  busyLabel?: ReactNode
  type?: 'button' | 'submit'
  testId?: string
  ref?: Ref<HTMLButtonElement>
}

export function Button({ variant = 'secondary', size = 'md', busy = false, busyLabel, type = 'button', testId, className, disabled, children, onClick, ref, ...rest }: ButtonProps) {
  const cls = ['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <button
      ref={ref}
      type={type}
      className={cls}
      disabled={disabled}
      aria-busy={busy || undefined}
      aria-disabled={busy || undefined}
      data-testid={testId}
      onClick={(e) => {
        if (busy) {
          e.preventDefault() // also keeps a submit button from submitting its form twice
          return
        }
        onClick?.(e)
      }}
      {...rest}
    >
      {busy && busyLabel !== undefined ? busyLabel : children}
    </button>
  )
}
