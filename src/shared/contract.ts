// The IPC contract: one table of channels → input schema → output schema. Main registers a handler per
// channel from it, the preload exposes exactly these channels, and the test bridge serves the same table.
// Handlers are per feature; there is no generic query pass-through.
import { z } from 'zod'
import type { ChannelName } from './channels'
import type { BalanceView as BalanceViewT, OrderView as OrderViewT } from './schemas'
import type { CatalogChange as CatalogChangeT, Money as MoneyT } from './schemas'
import {
  AuditEntryView,
  AuditSubjectType,
  BalanceHistoryView,
  CodeMarkInput,
  CodeMarkResult,
  MarkupRuleInput,
  MarkupRuleView,
  ReconcileInput,
  ReconcileReport,
  WatchKey,
  WatchView
} from './schemas'
import {
  AccountSettings,
  AccountView,
  AppInfo,
  AppMode,
  AppSettings,
  BalanceView,
  Basket,
  CatalogItemView,
  CodeFilter,
  CodeView,
  Credentials,
  EXPORT_COLUMNS,
  ExportColumn,
  Id,
  LedgerRowView,
  Money,
  OrderDetailView,
  OrderState,
  OrderView,
  PlanView,
  ProfileName,
  AccountName
} from './schemas'
import { BackupChosenView, BackupMadeView, BackupRestoredView, BackupRestoreInput, BackupStatusView } from './backup-schemas'

const NoInput = z.object({}).strict().default({})

export const contract = {
  'app.info': { input: NoInput, output: AppInfo },
  /** Leave or enter demo mode (the demo has its own data directory). */
  'app.setMode': { input: z.object({ mode: AppMode }).strict(), output: AppInfo },
  /** Settings → "Open logs folder": the main process opens the app's logs folder in the file manager. */
  'app.openLogsFolder': { input: NoInput, output: z.object({ opened: z.boolean() }) },
  /** Used only when the OS keychain is unavailable: unlock (or create) the vault with a passphrase. */
  'vault.unlock': { input: z.object({ passphrase: z.string().min(8, 'Use at least 8 characters').max(1024) }).strict(), output: AppInfo },

  /** Staff profiles: who is at the desk (every audit entry carries the name). */
  'profile.list': { input: NoInput, output: z.object({ current: z.string().nullable(), profiles: z.array(z.string()) }) },
  'profile.select': { input: z.object({ name: ProfileName }).strict(), output: AppInfo },
  'settings.get': { input: NoInput, output: AppSettings },
  'settings.update': { input: AppSettings.partial().strict(), output: AppSettings },

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
  'accounts.remove': { input: z.object({ accountId: Id }).strict(), output: z.object({ removed: z.boolean() }) },
  'accounts.test': {
    input: z.object({ accountId: Id }).strict(),
    output: z.object({ ok: z.boolean(), message: z.string(), balance: Money.nullable() })
  },

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

  'balances.list': { input: NoInput, output: z.array(BalanceView) },
  'balances.refresh': { input: z.object({ accountId: Id.optional() }).strict(), output: z.array(BalanceView) },

  'orders.plan': { input: Basket.strict(), output: PlanView },
  'orders.place': { input: Basket.strict(), output: z.object({ batchId: Id, orderIds: z.array(Id), plan: PlanView }) },
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
  'orders.cancel': { input: z.object({ orderId: Id, reason: z.string().trim().max(500).optional() }).strict(), output: OrderView },

  'ledger.sync': {
    input: z.object({ accountId: Id.optional() }).strict(),
    output: z.object({ added: z.number().int(), failed: z.array(z.object({ accountId: Id, message: z.string() })) })
  },
  'ledger.list': {
    input: z.object({ accountId: Id.optional(), since: z.string().max(40).optional(), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    output: z.array(LedgerRowView)
  },

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
      z.object({ status: z.literal('written'), path: z.string(), count: z.number().int() }),
      z.object({ status: z.literal('cancelled') })
    ])
  },

  // --- the daily workflow ---------------------------------------------------------------------------------
  /** Mark codes sold or void (void needs a reason), by ids or by a filter; every changed code is audited. */
  'codes.mark': { input: CodeMarkInput, output: CodeMarkResult },
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
  },
  /** One account's balance readings for a chart, with the run-out forecast. */
  'balances.history': { input: z.object({ accountId: Id, days: z.number().int().min(1).max(366).default(30) }).strict(), output: BalanceHistoryView },
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
  },
  /** Our journal against each upstream's balance change over a period; every mismatch listed. */
  'reconcile.run': { input: ReconcileInput, output: ReconcileReport },

  // --- backups and the recovery key (Settings → Backups) ------------------------------------------------------
  'backup.status': { input: NoInput, output: BackupStatusView },
  /** Back up now into the backup folder (then the 7 daily + 4 weekly rotation). */
  'backup.create': { input: NoInput, output: BackupMadeView },
  /** The main process's folder picker chooses where automatic backups go; useDefault: back to the data folder's own. */
  'backup.chooseFolder': { input: z.object({ useDefault: z.boolean().optional() }).strict(), output: BackupStatusView },
  /** The main process's open dialog picks a backup file; it is checked (ours, undamaged) and named by a token. */
  'backup.chooseFile': { input: NoInput, output: BackupChosenView },
  /** Restores the chosen file into the live data folder; the current data is moved aside, never deleted. */
  'backup.restore': { input: BackupRestoreInput, output: BackupRestoredView },
  /** The recovery key in words (audited). */
  'vault.recoveryKey': { input: NoInput, output: z.object({ recoveryKey: z.string() }) },
  /** The person confirmed they wrote the recovery key down: the app stops asking. */
  'vault.recoveryKeySeen': { input: NoInput, output: BackupStatusView },
  /** A new recovery key in place of the old one (audited); older backups still open with the old key. */
  'vault.newRecoveryKey': { input: NoInput, output: z.object({ recoveryKey: z.string(), warning: z.string() }) }
} as const

// The contract must name exactly the channels of channels.ts (checked both ways at compile time).
type _SameChannels = [keyof typeof contract] extends [ChannelName] ? ([ChannelName] extends [keyof typeof contract] ? true : never) : never
const _sameChannels: _SameChannels = true
void _sameChannels

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

export { IPC_EVENT, IPC_INVOKE } from './channels'
