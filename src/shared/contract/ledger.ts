// The ledger: each supplier's own statement beside our journal.
import { z } from 'zod'
import { Id, Money } from './common'
import { type ChannelTable } from './table'

/** One line of the ledger: an upstream's own statement entry, or a purchase/refund from our journal. */
export const LedgerRowView = z.object({
  source: z.enum(['upstream', 'journal']),
  accountId: Id,
  accountName: z.string(),
  at: z.string(),
  kind: z.enum(['sale', 'refund', 'withdrawal', 'deposit', 'fee', 'purchase', 'other']),
  /** Signed: money in is positive. */
  amount: Money,
  description: z.string(),
  reference: z.string().nullable()
})

export type LedgerRowView = z.infer<typeof LedgerRowView>

export const ledgerChannels = {
  'ledger.sync': {
    input: z.object({ accountId: Id.optional() }).strict(),
    output: z.object({ added: z.number().int(), failed: z.array(z.object({ accountId: Id, message: z.string() })) })
  },
  'ledger.list': {
    input: z.object({ accountId: Id.optional(), since: z.string().max(40).optional(), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    output: z.array(LedgerRowView)
  }
} as const satisfies ChannelTable
