// Reconciliation: our journal against each supplier's balance over a period.
import { z } from 'zod'
import { DateText, Id, Money, OrderState, ProviderKind } from './common'
import { type ChannelTable } from './table'

export const ReconcileStatus = z.enum(['ok', 'mismatch', 'not_enough_data'])

export type ReconcileStatus = z.infer<typeof ReconcileStatus>

export const ReconcileInput = z
  .object({
    from: DateText,
    /** Default: now. */
    to: DateText.optional(),
    accountId: Id.optional(),
    /** Read balances (and import statements) now, before comparing. */
    refresh: z.boolean().default(false)
  })
  .strict()

export type ReconcileInput = z.infer<typeof ReconcileInput>

export const AccountReconciliation = z.object({
  accountId: Id,
  accountName: z.string(),
  kind: ProviderKind,
  currency: z.string(),
  /** The two balance readings compared, nearest to the period asked; null when there were not two. */
  readings: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** Our journal between those readings (or over the period asked when there are none): charges, refunds. */
  journalSpent: Money,
  journalRefunded: Money,
  /** journalSpent − journalRefunded. */
  journalNet: Money,
  /** Last reading − first reading (signed: negative when the balance fell). */
  upstreamChange: Money.nullable(),
  /** From the upstream's own running totals (DigetalHube total_spent / total_deposited), when it reports them. */
  upstreamSpent: Money.nullable(),
  upstreamDeposited: Money.nullable(),
  /** The upstream's statement entries (Digiseller) between the readings, signed. */
  ledgerNet: Money.nullable(),
  /** What the balance should have done by our records: deposits/statement − journalNet. */
  expectedChange: Money.nullable(),
  /** upstreamChange − expectedChange: negative when money left the account that our records do not explain. */
  difference: Money.nullable(),
  /** True when the comparison used the upstream's own totals, so every unit is accounted for. */
  exact: z.boolean(),
  /**
   * Orders whose charge nothing explains yet: in review (the supplier may have charged), or closed without codes
   * while the supplier's numbers still show a charge not refunded. While any exists the status is never ok.
   */
  unexplainedCharges: z
    .array(z.object({ orderId: Id, title: z.string(), clientRef: z.string(), state: OrderState, charge: Money, reason: z.string() }))
    .default([])
    .optional(),
  status: ReconcileStatus,
  notes: z.array(z.string()),
  /** Storefront accounts (Digiseller): sales in the period against codes marked sold in the period. */
  sales: z
    .object({
      sales: z.number().int(),
      salesAmount: Money,
      refunds: z.number().int(),
      codesSold: z.number().int(),
      /** codesSold − sales. */
      difference: z.number().int(),
      status: z.enum(['ok', 'mismatch'])
    })
    .nullable()
})

export type AccountReconciliation = z.infer<typeof AccountReconciliation>

export const ReconcileMismatch = z.object({
  accountId: Id,
  accountName: z.string(),
  /** charge: one order's charge that nothing explains (orderId says which). */
  kind: z.enum(['balance', 'sales', 'charge']),
  orderId: Id.optional(),
  message: z.string(),
  difference: Money.nullable()
})

export type ReconcileMismatch = z.infer<typeof ReconcileMismatch>

export const ReconcileReport = z.object({
  from: z.string(),
  to: z.string(),
  accounts: z.array(AccountReconciliation),
  /** Every mismatch of every account, never filtered. */
  mismatches: z.array(ReconcileMismatch)
})

export type ReconcileReport = z.infer<typeof ReconcileReport>

export const reconcileChannels = {
  /** Our journal against each upstream's balance change over a period; every mismatch listed. */
  'reconcile.run': { input: ReconcileInput, output: ReconcileReport }
} as const satisfies ChannelTable
