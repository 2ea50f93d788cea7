// Codes: the inventory, revealing and copying one code, CSV export and marking sold or void.
import { z } from 'zod'
import { EXPORT_COLUMNS } from '../domain'
import { CodeState, DateText, Id } from './common'
import { type ChannelTable } from './table'

export const CodeView = z.object({
  id: Id,
  orderId: Id,
  accountId: Id,
  accountName: z.string(),
  productId: z.string(),
  title: z.string(),
  /** e.g. "••••••••1234": computed in the main process, never stored. */
  masked: z.string(),
  state: CodeState,
  duplicateOf: z.string().nullable(),
  createdAt: z.string(),
  exportedAt: z.string().nullable(),
  soldAt: z.string().nullable(),
  /** Why the code was voided (state void). */
  voidReason: z.string().nullable().optional(),
  /** Its order needs review: kept and revealable, but never exported, copied or sold until the order is resolved. */
  held: z.boolean().optional()
})

export type CodeView = z.infer<typeof CodeView>

export { EXPORT_COLUMNS }

export const ExportColumn = z.enum(EXPORT_COLUMNS)

export type ExportColumn = z.infer<typeof ExportColumn>

export const CodeFilter = z.object({
  accountId: Id.optional(),
  productId: z.string().max(128).optional(),
  orderId: Id.optional(),
  /** All codes of one basket (several upstream orders). */
  batchId: Id.optional(),
  state: CodeState.optional(),
  codeIds: z.array(Id).max(100_000).optional(),
  /** Delivered on or after this date (a date alone: from its start, local time). */
  from: DateText.optional(),
  /** Delivered on or before this date (a date alone: through its end, local time). */
  to: DateText.optional()
})

export type CodeFilter = z.infer<typeof CodeFilter>

/** Bulk marking codes: by ids, or by a filter (which must narrow something: never "every code"). */
export const CodeMarkInput = z
  .object({
    codeIds: z.array(Id).min(1).max(100_000).optional(),
    filter: CodeFilter.optional(),
    to: z.enum(['sold', 'void']),
    /** Required to void (kept with the code and in the audit log); optional note when selling. */
    reason: z.string().trim().min(1).max(500).optional()
  })
  .strict()
  .refine((i) => (i.codeIds === undefined) !== (i.filter === undefined), { message: 'Choose the codes by id or by a filter (one of the two)', path: ['codeIds'] })
  .refine((i) => i.filter === undefined || Object.values(i.filter).some((v) => v !== undefined), { message: 'A filter must narrow the codes down (an account, product, order, state or dates)', path: ['filter'] })
  .refine((i) => i.to !== 'void' || i.reason !== undefined, { message: 'Say why the codes are void', path: ['reason'] })

export type CodeMarkInput = z.infer<typeof CodeMarkInput>

export const CodeMarkResult = z.object({
  to: z.enum(['sold', 'void']),
  /** Codes the ids or filter matched. */
  matched: z.number().int(),
  /** Codes whose state changed (the others were already in that state, or void, which cannot be sold). */
  changed: z.number().int()
})

export type CodeMarkResult = z.infer<typeof CodeMarkResult>

export const codesChannels = {
  'codes.list': {
    input: z.object({ filter: CodeFilter.default({}), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    output: z.array(CodeView)
  },
  'codes.reveal': { input: z.object({ codeId: Id }).strict(), output: z.object({ codeId: Id, code: z.string() }) },
  /** The main process puts the code on the clipboard (and clears it later); the code never enters the window. */
  'codes.copy': { input: z.object({ codeId: Id }).strict(), output: z.object({ codeId: Id, clearsInSeconds: z.number().int() }) },
  /** The main process asks for the file name (save dialog) and writes the file; the renderer never sees the codes. */
  'codes.export': {
    input: z
      .object({
        filter: CodeFilter.default({}),
        /** Which columns, kept in the standard order; the code column is always included. */
        columns: z.array(ExportColumn).min(1).max(EXPORT_COLUMNS.length).optional(),
        markExported: z.boolean().default(true),
        bom: z.boolean().default(false)
      })
      .strict(),
    output: z.discriminatedUnion('status', [
      z.object({
        status: z.literal('written'),
        path: z.string(),
        count: z.number().int(),
        /** Codes marked exported by this export (0 when it did not mark). */
        marked: z.number().int(),
        /** Matching codes left out because another window or command is exporting them right now. */
        leftOut: z.number().int()
      }),
      z.object({ status: z.literal('cancelled') })
    ])
  },
  /** Mark codes sold or void (void needs a reason), by ids or by a filter; every changed code is audited. */
  'codes.mark': { input: CodeMarkInput, output: CodeMarkResult },
  /** Code ids from full ids or their first characters (the lists show 8): the CLI's --ids. */
  'codes.find': { input: z.object({ prefixes: z.array(z.string().trim().min(1).max(128)).min(1).max(5000) }).strict(), output: z.object({ ids: z.array(Id) }) }
} as const satisfies ChannelTable
