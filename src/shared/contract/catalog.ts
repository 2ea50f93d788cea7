// The catalog: sync and search, markup rules (sell prices) and watched items.
import { z } from 'zod'
import { DecimalText, Id, Money, NonNegativeDecimal, PositiveDecimal, ProviderKind } from './common'
import { type ChannelTable, NoInput } from './table'

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

export const catalogChannels = {
  'catalog.sync': {
    input: z.object({ accountId: Id.optional() }).strict(),
    output: z.object({
      items: z.number().int(),
      failed: z.array(z.object({ accountId: Id, message: z.string() })),
      /** Items kept out of the catalog: their price or stock cannot be real (see core/providers/amounts.ts). */
      leftOut: z.array(z.object({ accountId: Id, productId: z.string(), variantId: z.string().nullable(), title: z.string(), reason: z.string() })).optional()
    })
  },
  'catalog.search': {
    input: z
      .object({ text: z.string().max(200).default(''), accountId: Id.optional(), productId: z.string().max(128).optional(), limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    output: z.array(CatalogItemView)
  },
  /** Markup rules (catalog.search shows the resulting sellPrice beside each cost). */
  'markup.list': { input: z.object({ accountId: Id.optional() }).strict(), output: z.array(MarkupRuleView) },
  /** Sets the rule for (account, category), replacing the one there was. */
  'markup.set': { input: MarkupRuleInput.strict(), output: MarkupRuleView },
  'markup.remove': { input: z.object({ ruleId: Id }).strict(), output: z.object({ removed: z.boolean() }) },
  /** Watch a catalog item: after each sync, a change of its price or stock is announced (notice + catalog.changed). */
  'catalog.watch': { input: WatchKey.strict(), output: WatchView },
  'catalog.unwatch': { input: WatchKey.strict(), output: z.object({ removed: z.boolean() }) },
  'catalog.watches': { input: z.object({ accountId: Id.optional() }).strict(), output: z.array(WatchView) },
  /** When each supplier's catalog was last refreshed (daily, and on demand) and when it is next due. */
  'catalog.status': {
    input: NoInput,
    output: z.array(
      z.object({ accountId: Id, accountName: z.string(), lastSyncAt: z.string().nullable(), nextSyncAt: z.string().nullable(), lastError: z.string().nullable() })
    )
  }
} as const satisfies ChannelTable
