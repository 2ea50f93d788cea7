// The audit log: who revealed, copied, exported or changed what, and when.
import { z } from 'zod'
import { type ChannelTable } from './table'

export const AuditSubjectType = z.enum(['code', 'order', 'account', 'export', 'vault'])

export const AuditEntryView = z.object({
  at: z.string(),
  actor: z.string(),
  /** e.g. code.reveal, code.copy, code.sold, code.void, code.exported, codes.export, orders.place */
  action: z.string(),
  subjectType: AuditSubjectType,
  subjectId: z.string().nullable(),
  /** What exactly (reason, previous state, counts); never a code or a key. */
  detail: z.record(z.string(), z.unknown())
})

export type AuditEntryView = z.infer<typeof AuditEntryView>

export const auditChannels = {
  /** The audit log, newest first: reveals, copies, exports, state changes, with who and when. */
  'audit.list': {
    input: z
      .object({
        subjectType: AuditSubjectType.optional(),
        subjectId: z.string().min(1).max(128).optional(),
        actor: z.string().trim().min(1).max(60).optional(),
        limit: z.number().int().min(1).max(5000).default(200)
      })
      .strict(),
    output: z.array(AuditEntryView)
  }
} as const satisfies ChannelTable
