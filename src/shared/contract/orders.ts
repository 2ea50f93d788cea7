// Orders: the basket, the plan, placing, tracking, resolving and cancelling.
import { z } from 'zod'
import { Id, Money, OrderState, ProviderKind } from './common'
import { CodeView } from './codes'
import { type ChannelTable } from './table'

/** Inputs sent with an order (player id…): a few short fields, never megabytes stored on one order. */
export const MAX_ORDER_FIELDS = 32

export const MAX_ORDER_FIELDS_BYTES = 8 * 1024

export const OrderFields = z
  .record(z.string().min(1, 'A field needs a name').max(64, 'A field name must be at most 64 characters'), z.string().max(500, 'must be at most 500 characters'))
  .refine((f) => Object.keys(f).length <= MAX_ORDER_FIELDS, `An order can carry at most ${MAX_ORDER_FIELDS} fields`)
  .refine((f) => new TextEncoder().encode(JSON.stringify(f)).length <= MAX_ORDER_FIELDS_BYTES, `The order's fields must be at most ${MAX_ORDER_FIELDS_BYTES / 1024} kB together`)

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

export const OrderDetailView = z.object({ order: OrderView, codes: z.array(CodeView) })

export type OrderDetailView = z.infer<typeof OrderDetailView>

export const ordersChannels = {
  'orders.plan': { input: Basket.strict(), output: PlanView },
  'orders.place': {
    input: Basket.strict(),
    output: z.object({
      batchId: Id,
      orderIds: z.array(Id),
      plan: PlanView,
      /** Accounts whose orders another ResellerDesk window or command is working: it sends these too. */
      workedElsewhere: z.array(z.object({ accountId: Id, by: z.string() }))
    })
  },
  'orders.list': {
    input: z.object({ state: OrderState.optional(), batchId: Id.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(OrderView)
  },
  'orders.get': { input: z.object({ orderId: Id }).strict(), output: OrderDetailView },
  'orders.resolve': {
    input: z
      .object({
        orderId: Id,
        resolution: z.discriminatedUnion('kind', [
          // force: the person confirmed an id that is not among the candidates or predates the order (see resolvePlaced).
          z.object({ kind: z.literal('placed'), upstreamId: z.string().trim().min(1).max(200), force: z.boolean().optional() }),
          z.object({ kind: z.literal('not_placed') })
        ])
      })
      .strict(),
    output: OrderView
  },
  /** Cancel before delivery: locally when not yet sent, at the upstream where it allows. */
  /** An order by its id or the first characters of it (the lists show 8): the CLI's ORDER-ID arguments. */
  'orders.find': { input: z.object({ idOrPrefix: z.string().trim().min(1).max(128) }).strict(), output: z.object({ orderId: Id }) },
  /**
   * Waits until these orders (none given: every unfinished one) are settled — completed, failed, cancelled or in
   * review — whoever settles them, and returns them. Starts the engine where it was not running (a command).
   */
  'orders.wait': { input: z.object({ orderIds: z.array(Id).max(10_000).optional() }).strict(), output: z.array(OrderView) },
  'orders.cancel': { input: z.object({ orderId: Id, reason: z.string().trim().max(500).optional() }).strict(), output: OrderView }
} as const satisfies ChannelTable
