// Runtime schemas of everything that crosses the IPC boundary. The main process parses every input with
// these before the core sees it; the renderer may parse outputs in development. Views carry no secrets:
// API keys never appear here, and a code's plain text appears only in the reply of `codes.reveal`.
import { z } from 'zod'
import { APP_MODES, CODE_STATES, ORDER_STATES, PROVIDER_KINDS } from './domain'

/** A decimal amount as text: no floats cross the boundary. */
export const DecimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,12})?$/, 'must be a decimal number such as 12.50')
export const Money = z.object({ amount: DecimalText, currency: z.string().min(1).max(12) })
export type Money = z.infer<typeof Money>

export const Id = z.string().min(1).max(128)
const Name = z.string().trim().min(1, 'is required').max(80)
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
  pollIntervalSeconds: z.number().min(0.01).max(3600).nullable().default(null),
  /** Seconds to wait after submitting before the first poll; null = the upstream's typical delivery time. */
  firstPollDelaySeconds: z.number().min(0).max(3600).nullable().default(null),
  /** Requests per minute this account may make; null = the upstream's documented limit. */
  rateLimitPerMinute: z.number().int().min(1).max(100_000).nullable().default(null)
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
  createdAt: z.string()
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
  syncedAt: z.string()
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
  fields: z.record(z.string(), z.string().max(500)).default({})
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
  soldAt: z.string().nullable()
})
export type CodeView = z.infer<typeof CodeView>

export const OrderDetailView = z.object({ order: OrderView, codes: z.array(CodeView) })
export type OrderDetailView = z.infer<typeof OrderDetailView>

export const CodeFilter = z.object({
  accountId: Id.optional(),
  productId: z.string().max(128).optional(),
  orderId: Id.optional(),
  /** All codes of one basket (several upstream orders). */
  batchId: Id.optional(),
  state: CodeState.optional(),
  codeIds: z.array(Id).max(100_000).optional()
})
export type CodeFilter = z.infer<typeof CodeFilter>

export const AppSettings = z.object({
  /** After copying a code, the clipboard is cleared this many seconds later (0 = never). */
  clipboardClearSeconds: z.number().int().min(0).max(3600)
})
export type AppSettings = z.infer<typeof AppSettings>

export const ProfileName = z.string().trim().min(1, 'Enter your name').max(60)

export const AppInfo = z.object({
  version: z.string(),
  /** The staff member at the desk; null until one is chosen (the app asks at start). */
  profile: z.string().nullable(),
  mode: AppMode,
  dataDir: z.string(),
  vault: z.enum(['unlocked', 'needs-passphrase', 'new-needs-passphrase']),
  accountsCount: z.number().int()
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
