// zod failures as the app's own VALIDATION error: one plain sentence plus a message per field, never a stack.
import type { z } from 'zod'
import { AppError } from './errors'

export function describeZodError(err: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_'
    if (!(key in fields)) fields[key] = issue.message
  }
  const first = err.issues[0]
  const where = first && first.path.length ? `${first.path.join('.')}: ` : ''
  return { message: first ? `${where}${first.message}` : 'The request was not valid.', fields }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const { message, fields } = describeZodError(r.error)
  throw new AppError('VALIDATION', message, { fields })
}
