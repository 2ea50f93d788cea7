// A labelled input with its hint and error, wired for screen readers (aria-describedby, aria-invalid).
import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react'
import { t } from '../i18n'

/** What every field takes besides its control's own attributes. */
interface FieldProps {
  label: ReactNode
  /** Says "(optional)" after the label. */
  optional?: boolean
  value: string
  onValue(value: string): void
  hint?: ReactNode
  error?: string | undefined
  testId?: string
  fieldClassName?: string
}

/** The attributes the shell gives the input or select it wraps. */
interface ControlProps {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': true | undefined
  'data-testid': string | undefined
}

function FieldShell({ label, optional, hint, error, testId, fieldClassName, children }: Omit<FieldProps, 'value' | 'onValue'> & { children: (control: ControlProps) => ReactNode }) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'field-invalid' : '', fieldClassName ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional && (
          <>
            {' '}
            <span className="muted">{t.common.optional}</span>
          </>
        )}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'data-testid': testId })}
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

export interface TextFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  ref?: Ref<HTMLInputElement>
}

export function TextField({ label, optional, value, onValue, hint, error, testId, fieldClassName, ref, ...rest }: TextFieldProps) {
  return (
    <FieldShell label={label} optional={optional} hint={hint} error={error} testId={testId} fieldClassName={fieldClassName}>
      {(control) => <input ref={ref} className="input" value={value} onChange={(e) => onValue(e.target.value)} {...control} {...rest} />}
    </FieldShell>
  )
}

export interface SelectFieldProps extends FieldProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  options: readonly { value: string; label: string; disabled?: boolean }[]
}

export function SelectField({ label, optional, value, onValue, options, hint, error, testId, fieldClassName, ...rest }: SelectFieldProps) {
  return (
    <FieldShell label={label} optional={optional} hint={hint} error={error} testId={testId} fieldClassName={fieldClassName}>
      {(control) => (
        <select className="input select" value={value} onChange={(e) => onValue(e.target.value)} {...control} {...rest}>
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
