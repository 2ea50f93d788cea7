// Runtime schemas of everything that crosses the IPC boundary. The main process parses every input with
// these before the core sees it; the renderer may parse outputs in development. Views carry no secrets:
// API keys never appear here, and a code's plain text appears only in the reply of `codes.reveal`.
import { z } from 'zod'
import { APP_MODES, CODE_STATES, EXPORT_COLUMNS, ORDER_STATES, PROVIDER_KINDS } from './domain'

/** A decimal amount as text: no floats cross the boundary. */
export const DecimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,12})?$/, 'must be a decimal number such as 12.50')
export const Money = z.object({ amount: DecimalText, currency: z.string().min(1).max(12) })
export type Money = z.infer<typeof Money>

export const Id = z.string().min(1).max(128)

/** A date ("2026-11-01": a local calendar day) or an ISO date-time ("2026-11-01T14:30:00Z"). */
export const DateText = z
  .string()
  .trim()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00` : s)), 'must be a date such as 2026-11-01 or 2026-11-01T14:30:00Z')
/** A decimal amount that is zero or more. */
const NonNegativeDecimal = DecimalText.refine((s) => !s.startsWith('-'), 'must not be negative')
/** A decimal amount greater than zero. */
const PositiveDecimal = DecimalText.refine((s) => !s.startsWith('-') && /[1-9]/.test(s), 'must be greater than zero')
const Name = z.string().trim().min(1, 'is required').max(80)

/**
 * Characters no name may hold: C0/C1 controls and DEL (a NUL cuts a name short in C code, a newline forges lines in
 * logs and CSV), and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that let a
 * name display as something else ("‮moc.elpmaxe"). Arabic and other right-to-left letters are fine, as are the
 * direction marks (LRM/RLM/ALM), which cannot reorder the text around them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
export function hasUnsafeNameChars(s: string): boolean {
  return UNSAFE_NAME_CHARS.test(s)
}
const NAME_CHARS_MESSAGE = 'must not contain control characters or text-direction overrides'
/** A name people give (an account, a staff profile): trimmed, bounded, and free of characters that hide what it says. */
export function nameSchema(opts: { required: string; max: number }) {
  return z
    .string()
    .trim()
    .min(1, opts.required)
    .max(opts.max, `must be at most ${opts.max} characters`)
    .refine((s) => !hasUnsafeNameChars(s), NAME_CHARS_MESSAGE)
}
export const AccountName = nameSchema({ required: 'Give the account a name', max: 80 })

/** Inputs sent with an order (player id…): a few short fields, never megabytes stored on one order. */
export const MAX_ORDER_FIELDS = 32
export const MAX_ORDER_FIELDS_BYTES = 8 * 1024
export const OrderFields = z
  .record(z.string().min(1, 'A field needs a name').max(64, 'A field name must be at most 64 characters'), z.string().max(500, 'must be at most 500 characters'))
  .refine((f) => Object.keys(f).length <= MAX_ORDER_FIELDS, `An order can carry at most ${MAX_ORDER_FIELDS} fields`)
  .refine((f) => new TextEncoder().encode(JSON.stringify(f)).length <= MAX_ORDER_FIELDS_BYTES, `The order's fields must be at most ${MAX_ORDER_FIELDS_BYTES / 1024} kB together`)
const Url = z
  .string()
  .trim()
  .url('must be a web address such as https://example.com')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://')
  .max(500)
const Secret = z.string().trim().min(1, 'is required').max(4096)

export const ProviderKind = z.enum(PROVIDER_KINDS)
export const OrderState = z.enum(ORDER_STATES)
export const CodeState = z.enum(CODE_STATES)
export const AppMode = z.enum(APP_MODES)

/** Credentials as each upstream authenticates (UPSTREAMS.md). Only ever sent renderer → main, never back. */
export const Credentials = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('digetalhube'), apiKey: Secret }),
  z.object({ kind: z.literal('aidigitaltools'), apiKey: Secret }),
  z.object({ kind: z.literal('oneclickdz'), apiKey: Secret }),
  z.object({ kind: z.literal('hyper'), email: Secret, password: Secret }),
  z.object({ kind: z.literal('digiseller'), sellerId: Secret, apiKey: Secret })
])
export type Credentials = z.infer<typeof Credentials>

export const AccountSettings = z.object({
  /** Notify when the available balance falls below this. */
  lowBalanceThreshold: DecimalText.nullable().default(null),
  /** Seconds between status polls of one open order; null = the upstream's documented interval. */
  pollIntervalSeconds: z.number().min(0.001).max(3600).nullable().default(null),
  /** Seconds to wait after submitting before the first poll; null = the upstream's typical delivery time. */
  firstPollDelaySeconds: z.number().min(0).max(3600).nullable().default(null),
  /** Requests per minute this account may make; null = the upstream's documented limit. */
  rateLimitPerMinute: z.number().int().min(1).max(100_000).nullable().default(null),
  /** Seconds between scheduled balance readings of this account; null/absent = the app's default (5 minutes). */
  balancePollSeconds: z.number().int().min(30).max(86_400).nullable().optional()
})
export type AccountSettings = z.infer<typeof AccountSettings>

/** What an account's upstream can do, so the UI offers only what works. */
export const AccountCapabilities = z.object({
  /** Sells codes (Digiseller is the shop's storefront and does not). */
  supplier: z.boolean(),
  cancel: z.boolean(),
  /** Keeps a statement of money in and out we import (Digiseller). */
  ledger: z.boolean(),
  partialFulfilment: z.boolean(),
  maxQuantityPerOrder: z.number().int()
})
export type AccountCapabilities = z.infer<typeof AccountCapabilities>

export const AccountView = z.object({
  id: Id,
  kind: ProviderKind,
  name: z.string(),
  baseUrl: z.string(),
  currency: z.string(),
  demo: z.boolean(),
  settings: AccountSettings,
  capabilities: AccountCapabilities,
  createdAt: z.string(),
  /**
   * Orders seen on this supplier account that this data folder did not place (another program, person or data
   * folder uses the same key): recovery of a lost order then always asks a person. Null: none seen recently.
   */
  sharedKey: z.object({ foreignOrders: z.number().int(), lastSeenAt: z.string() }).nullable().optional()
})
export type AccountView = z.infer<typeof AccountView>

export const BalanceView = z.object({
  accountId: Id,
  accountName: z.string(),
  available: Money,
  at: z.string(),
  low: z.boolean()
})
export type BalanceView = z.infer<typeof BalanceView>

/** An input the upstream needs at purchase time (AI Digital Tools custom_fields, Hyper RequireData). */
export const CustomField = z.object({
  name: z.string(),
  label: z.string(),
  required: z.boolean(),
  pattern: z.string().nullable().default(null)
})
export type CustomField = z.infer<typeof CustomField>

export const CatalogItemView = z.object({
  accountId: Id,
  accountName: z.string(),
  kind: ProviderKind,
  productId: z.string(),
  /** Denomination/type id where the upstream has them (OneClickDz types, Hyper category types); null otherwise. */
  variantId: z.string().nullable(),
  title: z.string(),
  variantName: z.string().nullable(),
  category: z.string(),
  description: z.string(),
  price: Money,
  stock: z.number().int().nullable(),
  inStock: z.boolean(),
  maxPerOrder: z.number().int().positive(),
  fields: z.array(CustomField),
  syncedAt: z.string(),
  /** The cost with the shop's markup rule applied (see markup.*); null when no rule covers the item. */
  sellPrice: Money.nullable().optional()
})
export type CatalogItemView = z.infer<typeof CatalogItemView>

export const BasketLine = z.object({
  accountId: Id,
  productId: z.string().min(1).max(128),
  variantId: z.string().min(1).max(128).nullable().default(null),
  quantity: z
    .number({ error: 'Quantity must be a whole number' })
    .int('Quantity must be a whole number')
    .min(1, 'Quantity must be at least 1')
    .max(10_000, 'Quantity can be at most 10000 in one basket line'),
  fields: OrderFields.default({})
})
export type BasketLine = z.infer<typeof BasketLine>
export const Basket = z.object({ lines: z.array(BasketLine).min(1, 'The basket is empty').max(200) })
export type Basket = z.infer<typeof Basket>

export const PlanProblem = z.object({ code: z.string(), message: z.string(), lineIndex: z.number().int().nullable() })
export type PlanProblem = z.infer<typeof PlanProblem>

export const PlanView = z.object({
  lines: z.array(
    z.object({
      accountId: Id,
      accountName: z.string(),
      productId: z.string(),
      variantId: z.string().nullable(),
      title: z.string(),
      quantity: z.number().int(),
      unitPrice: Money,
      total: Money,
      /** How the line is split into upstream orders, e.g. [10, 10, 5]. */
      orderQuantities: z.array(z.number().int())
    })
  ),
  accounts: z.array(
    z.object({
      accountId: Id,
      accountName: z.string(),
      cost: Money,
      balance: Money.nullable(),
      sufficient: z.boolean()
    })
  ),
  problems: z.array(PlanProblem),
  /** Grand total per currency, so the window never adds money itself. */
  totals: z.array(Money),
  canPlace: z.boolean()
})
export type PlanView = z.infer<typeof PlanView>

/** A supplier order that could be an order in review: its id, when the supplier created it, what it is for. */
export const ReviewCandidateView = z.object({
  upstreamId: z.string(),
  /** ISO time (UTC) where the supplier's time zone is known, else the supplier's own wall-clock text. */
  createdAt: z.string().nullable(),
  quantity: z.number().int().nullable(),
  amount: z.string().nullable(),
  status: z.string(),
  productId: z.string().nullable()
})
export type ReviewCandidateView = z.infer<typeof ReviewCandidateView>

export const OrderView = z.object({
  id: Id,
  batchId: Id,
  accountId: Id,
  accountName: z.string(),
  kind: ProviderKind,
  productId: z.string(),
  variantId: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int(),
  unitPrice: Money,
  total: Money,
  state: OrderState,
  upstreamId: z.string().nullable(),
  upstreamStatus: z.string().nullable(),
  /** Upstream's progress text (e.g. DigetalHube processing_step) for the live view. */
  step: z.string().nullable(),
  deliveredCount: z.number().int(),
  refunded: Money.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  reviewReason: z.string().nullable(),
  /** Our reference for the order (sent where the supplier takes one): what a person searches for at the supplier. */
  clientRef: z.string(),
  /** Supplier orders that could be this one (review only): a person picks one, or none. */
  reviewCandidates: z.array(ReviewCandidateView).nullable(),
  /** Whether a cancel can be asked for now (not yet sent, or the upstream cancels before delivery). */
  cancellable: z.boolean(),
  /** Inputs given at purchase (player id…): not secret, shown in the order detail. */
  fields: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable()
})
export type OrderView = z.infer<typeof OrderView>

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

export const OrderDetailView = z.object({ order: OrderView, codes: z.array(CodeView) })
export type OrderDetailView = z.infer<typeof OrderDetailView>

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

export const AppSettings = z.object({
  /** After copying a code, the clipboard is cleared this many seconds later (0 = never). */
  clipboardClearSeconds: z.number().int().min(0).max(3600)
})
export type AppSettings = z.infer<typeof AppSettings>

export const ProfileName = nameSchema({ required: 'Enter your name', max: 60 })

export const AppInfo = z.object({
  version: z.string(),
  /** The staff member at the desk; null until one is chosen (the app asks at start). */
  profile: z.string().nullable(),
  mode: AppMode,
  dataDir: z.string(),
  vault: z.enum(['unlocked', 'needs-passphrase', 'new-needs-passphrase', 'damaged']),
  accountsCount: z.number().int(),
  /** When vault is 'damaged': what is wrong and the way out (the latest backup, by name). */
  problem: z.string().optional()
})
export type AppInfo = z.infer<typeof AppInfo>

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

// --- The daily workflow: inventory marks, balance history, markup, watched products, reconciliation ----------

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

export const BalancePoint = z.object({ at: z.string(), available: Money })
export type BalancePoint = z.infer<typeof BalancePoint>

export const BalanceForecast = z.object({
  /** Days until the balance runs out at the recent rate; null when nothing was spent (or nothing is known). */
  daysLeft: z.number().nullable(),
  /** The recent spend per day; null when there is no history to estimate from. */
  spendPerDay: Money.nullable(),
  /** How many days of history the estimate covers (at most the window). */
  basedOnDays: z.number(),
  /** How it was worked out, in one sentence for people. */
  method: z.string()
})
export type BalanceForecast = z.infer<typeof BalanceForecast>

export const BalanceHistoryView = z.object({
  accountId: Id,
  accountName: z.string(),
  currency: z.string(),
  threshold: Money.nullable(),
  /** Oldest first; thinned to at most a few hundred points for a chart (the last reading of each time slot). */
  points: z.array(BalancePoint),
  forecast: BalanceForecast
})
export type BalanceHistoryView = z.infer<typeof BalanceHistoryView>

export const MarkupRounding = z.object({
  /** Round the sell price to a multiple of this, e.g. "0.05", "1", "10". */
  step: PositiveDecimal,
  /** up: the next multiple at or above; nearest: the closest multiple (halves go up). */
  mode: z.enum(['up', 'nearest'])
})
export type MarkupRounding = z.infer<typeof MarkupRounding>

export const MarkupRuleInput = z.object({
  accountId: Id,
  /** One catalog category (as the catalog names it, any case); null: every category of the account. */
  category: z.string().trim().min(1).max(200).nullable().default(null),
  /** percent: value is percent points ("15" = cost + 15 %); fixed: value is an amount in the account's currency. */
  kind: z.enum(['percent', 'fixed']),
  value: NonNegativeDecimal,
  rounding: MarkupRounding.nullable().default(null)
})
export type MarkupRuleInput = z.infer<typeof MarkupRuleInput>

export const MarkupRuleView = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  currency: z.string(),
  category: z.string().nullable(),
  kind: z.enum(['percent', 'fixed']),
  value: DecimalText,
  rounding: MarkupRounding.nullable(),
  updatedAt: z.string()
})
export type MarkupRuleView = z.infer<typeof MarkupRuleView>

/** What a watched catalog item looked like at one sync. */
export const WatchedState = z.object({ price: Money, stock: z.number().int().nullable(), inStock: z.boolean() })
export type WatchedState = z.infer<typeof WatchedState>

export const WatchKey = z.object({ accountId: Id, productId: z.string().min(1).max(128), variantId: z.string().min(1).max(128).nullable().default(null) })
export type WatchKey = z.infer<typeof WatchKey>

export const WatchView = z.object({
  accountId: Id,
  accountName: z.string(),
  productId: z.string(),
  variantId: z.string().nullable(),
  title: z.string(),
  variantName: z.string().nullable(),
  /** As of the last sync; null when the item is not in the account's catalog. */
  current: WatchedState.nullable(),
  watchedAt: z.string(),
  lastChangedAt: z.string().nullable()
})
export type WatchView = z.infer<typeof WatchView>

export const CatalogChange = z.object({
  accountId: Id,
  accountName: z.string(),
  productId: z.string(),
  variantId: z.string().nullable(),
  title: z.string(),
  /** null: the item was not in the catalog before (it appeared). */
  before: WatchedState.nullable(),
  /** null: the item is gone from the catalog. */
  after: WatchedState.nullable(),
  priceChanged: z.boolean(),
  stockChanged: z.boolean()
})
export type CatalogChange = z.infer<typeof CatalogChange>

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
