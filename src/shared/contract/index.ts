// The IPC contract: one table of channels → input schema → output schema, assembled from each feature's part
// (this folder: one file per feature, holding its wire shapes and its channels). Main registers a handler per
// channel from it, the preload exposes exactly these channels, the test bridge and the CLI call the same table.
// Handlers are per feature; there is no generic query pass-through.
import type { z } from 'zod'
import type { BalanceView as BalanceViewT } from './balances'
import type { CatalogChange as CatalogChangeT } from './catalog'
import type { Money as MoneyT } from './common'
import type { OrderView as OrderViewT } from './orders'
import { appChannels } from './app'
import { settingsChannels } from './settings'
import { accountsChannels } from './accounts'
import { catalogChannels } from './catalog'
import { balancesChannels } from './balances'
import { ordersChannels } from './orders'
import { ledgerChannels } from './ledger'
import { codesChannels } from './codes'
import { auditChannels } from './audit'
import { reconcileChannels } from './reconcile'
import { backupChannels } from './backup'

export * from './common'
export * from './app'
export * from './settings'
export * from './accounts'
export * from './catalog'
export * from './balances'
export * from './orders'
export * from './ledger'
export * from './codes'
export * from './audit'
export * from './reconcile'
export * from './backup'

export const contract = {
  ...appChannels,
  ...settingsChannels,
  ...accountsChannels,
  ...catalogChannels,
  ...balancesChannels,
  ...ordersChannels,
  ...ledgerChannels,
  ...codesChannels,
  ...auditChannels,
  ...reconcileChannels,
  ...backupChannels,
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export const CHANNELS = Object.keys(contract) as Channel[]
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}

/** Every reply over IPC: errors are values with a stable code and a message a shop assistant can act on. */
export type IpcError = { code: string; message: string; fields?: Record<string, string> }
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

/** Pushed from the core to the UI (Electron: one event channel; test bridge: server-sent events). */
export type AppEvent =
  | { type: 'orders.changed'; orders: OrderViewT[] }
  | { type: 'balances.changed'; balances: BalanceViewT[] }
  /** An order reached a final state or needs a person: the shell turns this into an OS notification. */
  | { type: 'order.settled'; order: OrderViewT }
  | { type: 'catalog.synced'; accountId: string; items: number }
  | { type: 'accounts.changed' }
  | {
      type: 'notice'
      level: 'info' | 'warning' | 'error'
      message: string
      orderId?: string
      /** Set when the same news also arrives as its own typed event, which the window shows instead (people without
       *  a window — logs, future clients — still get the sentence). */
      about?: NoticeAbout
    }
  /** The person clicked a notification or a tray entry about this order: show it. */
  | { type: 'open.order'; orderId: string }
  /** An account's balance fell below its warning level (once per dip; re-armed at/above it): tray + OS notification. */
  | { type: 'balance.low'; accountId: string; accountName: string; available: MoneyT; threshold: MoneyT }
  /** Watched catalog items whose price or stock changed in a sync (one event per account sync). */
  | { type: 'catalog.changed'; accountId: string; accountName: string; changes: CatalogChangeT[] }

/** The typed events whose news the core also says as a `notice`. */
export type NoticeAbout = 'balance.low' | 'catalog.changed'

/** What the preload exposes as `window.api`, and what the test bridge's shim implements. */
export interface RendererApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>
  onEvent(listener: (event: AppEvent) => void): () => void
}

/** Names of the Electron IPC channels the preload uses. */
export const IPC_INVOKE = 'rd:invoke'
export const IPC_EVENT = 'rd:event'
