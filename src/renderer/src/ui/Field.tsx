// A labelled input with its hint and error, wired for screen readers (aria-describedby, aria-invalid).
import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react'

interface FieldShellProps {
  label: ReactNode
  hint?: ReactNode
  error?: string | undefined
  testId?: string
  className?: string
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

function FieldShell({ label, hint, error, testId, className, children }: FieldShellProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      )}
    </div>
  )
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: ReactNode
  value: string
  onValue(value: string): void
  hint?: ReactNode
  error?: string | undefined
  testId?: string
  fieldClassName?: string
  ref?: Ref<HTMLInputElement>
}

export function TextField({ label, value, onValue, hint, error, testId, fieldClassName, ref, ...rest }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} testId={testId} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={ref}
          id={id}
          className="input"
          value={value}
          onChange={(e) => onValue(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          {...rest}
        />
      )}
    </FieldShell>
  )
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  label: ReactNode
  value: string
  onValue(value: string): void
  options: readonly { value: string; label: string; disabled?: boolean }[]
  hint?: ReactNode
  error?: string | undefined
  testId?: string
  fieldClassName?: string
}

export function SelectField({ label, value, onValue, options, hint, error, testId, fieldClassName, ...rest }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} testId={testId} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="input select"
          value={value}
          onChange={(e) => onValue(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          {...rest}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'checked' | 'type'> {
  label: ReactNode
  checked: boolean
  onChecked(checked: boolean): void
  testId?: string
}

export function Checkbox({ label, checked, onChecked, testId, ...rest }: CheckboxProps) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChecked(e.target.checked)} data-testid={testId} {...rest} />
      <span>{label}</span>
    </label>
  )
}
