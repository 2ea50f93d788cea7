// Supplier accounts: credentials go in, views without secrets come out.
import { z } from 'zod'
import { DecimalText, Id, Money, ProviderKind, Secret, nameSchema } from './common'
import { type ChannelTable, NoInput } from './table'

export const AccountName = nameSchema({ required: 'Give the account a name', max: 80 })

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

export const accountsChannels = {
  'accounts.list': { input: NoInput, output: z.array(AccountView) },
  'accounts.add': {
    input: z
      .object({
        name: AccountName,
        baseUrl: z
          .string()
          .trim()
          .url('The address must be a web address such as https://example.com')
          .refine((u) => /^https?:\/\//i.test(u), 'The address must start with http:// or https://'),
        credentials: Credentials,
        currency: z.string().trim().min(1).max(12).optional(),
        settings: AccountSettings.partial().optional()
      })
      .strict(),
    output: AccountView
  },
  'accounts.update': {
    input: z.object({ accountId: Id, name: AccountName.optional(), settings: AccountSettings.partial().optional() }).strict(),
    output: AccountView
  },
  /** One account by its name, as people type it (letters in any case): the CLI's --account NAME. */
  'accounts.find': { input: z.object({ name: z.string().trim().min(1).max(200) }).strict(), output: AccountView },
  'accounts.remove': { input: z.object({ accountId: Id }).strict(), output: z.object({ removed: z.boolean() }) },
  'accounts.test': {
    input: z.object({ accountId: Id }).strict(),
    output: z.object({ ok: z.boolean(), message: z.string(), balance: Money.nullable() })
  }
} as const satisfies ChannelTable
