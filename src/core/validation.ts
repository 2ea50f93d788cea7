// zod failures as the app's own VALIDATION error: one plain sentence plus a message per field, never a stack.
// Nothing from the input is echoed unbounded: a 100 kB unknown key or a megabyte of text would otherwise come
// back in the message (to the screen, the logs, the IPC reply). Paths, keys and messages are capped and elided.
import type { z } from 'zod'
import { AppError } from './errors'

/** Longest path segment (a key name) shown. */
const MAX_SEGMENT = 40
/** Longest message shown for one issue. */
const MAX_MESSAGE = 200
/** At most this many fields get their own message. */
const MAX_FIELDS = 20

/** `text` cut to `max` characters with an ellipsis; control characters shown as "?" so a key cannot forge lines. */
export function elide(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?')
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => elide(String(p), MAX_SEGMENT)).join('.')
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // zod quotes every unknown key in full: name the first one, shortened, and count the rest.
  if (issue.code === 'unrecognized_keys') {
    const [first, ...rest] = issue.keys
    return `has a field it does not know (“${elide(first ?? '', MAX_SEGMENT)}”${rest.length ? ` and ${rest.length} more` : ''})`
  }
  // A bad record key: zod's own words are "Invalid key in record"; the key's rule says what is wrong.
  if (issue.code === 'invalid_key') return elide(issue.issues[0]?.message ?? issue.message, MAX_MESSAGE)
  return elide(issue.message, MAX_MESSAGE)
}

export function describeZodError(err: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  for (const issue of err.issues) {
    const key = pathText(issue.path) || '_'
    if (!(key in fields) && Object.keys(fields).length < MAX_FIELDS) fields[key] = issueMessage(issue)
  }
  const first = err.issues[0]
  const where = first && first.path.length ? `${pathText(first.path)}: ` : ''
  return { message: first ? `${where}${issueMessage(first)}` : 'The request was not valid.', fields }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const { message, fields } = describeZodError(r.error)
  throw new AppError('VALIDATION', message, { fields })
}
