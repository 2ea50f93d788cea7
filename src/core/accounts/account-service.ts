// Accounts: their sealed credentials, and the live runtime of each (adapter + HTTP client + rate limiter),
// built on demand in the main process. Credentials are opened only here and never leave the core.
import { AccountEvidenceStore } from '../orders'
import { randomUUID } from 'node:crypto'
import { AccountName, AccountSettings as AccountSettingsSchema, Credentials as CredentialsSchema } from '../../shared/contract'
import type { AccountSettings, AccountView, Credentials } from '../../shared/contract'
import type { AccountRecord } from '../db/accounts-repo'
import type { Storage } from '../db/storage'
import { AppError, fromStorageError } from '../errors'
import { parseOrThrow } from '../validation'
import type { EventBus } from '../events'
import { AccountRateLimiter } from '../providers/rate-limiter'
import type { EngineAccountRuntime } from '../orders'
import { createHttpClient } from '../providers/http'
import { PROVIDERS } from '../providers/registry'
import type { RequestGate } from '../providers/types'
import type { OpenVault } from '../vault/types'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type AccountStorage = Pick<Storage, 'accounts' | 'audit' | 'settings' | 'transaction'>

export interface AccountRuntime extends EngineAccountRuntime {
  account: AccountRecord
  limiter: AccountRateLimiter
}

export interface NewAccountInput {
  name: string
  baseUrl: string
  credentials: Credentials
  currency?: string | undefined
  settings?: Partial<AccountSettings> | undefined
  demo?: boolean
}

export class AccountService {
  private readonly runtimes = new Map<string, AccountRuntime>()

  constructor(
    private readonly storage: AccountStorage,
    private readonly vault: OpenVault,
    private readonly events: EventBus,
    /** Who is acting now (the staff profile chosen at start), for the audit log. */
    private readonly actor: () => string,
    private readonly now: () => Date,
    private readonly httpTimeoutMs?: number
  ) {}

  toView(a: AccountRecord): AccountView {
    const ev = new AccountEvidenceStore(this.storage.settings)
    const shared = ev.isShared(a.id, this.now()) ? ev.get(a.id) : null
    return {
      id: a.id,
      kind: a.kind,
      name: a.name,
      baseUrl: a.baseUrl,
      currency: a.currency,
      demo: a.demo,
      settings: a.settings,
      capabilities: this.capabilities(a.kind),
      createdAt: a.createdAt,
      sharedKey: shared ? { foreignOrders: shared.foreignOrders, lastSeenAt: shared.foreignLastSeenAt! } : null
    }
  }

  capabilities(kind: AccountRecord['kind']): AccountView['capabilities'] {
    const { capabilities: caps, ledger } = PROVIDERS[kind]
    return { supplier: caps.supplier, cancel: caps.cancel, ledger, partialFulfilment: caps.partialFulfilment, maxQuantityPerOrder: caps.maxQuantityPerOrder }
  }

  list(): AccountRecord[] {
    return this.storage.accounts.list()
  }

  get(id: string): AccountRecord {
    const a = this.storage.accounts.get(id)
    if (!a) throw new AppError('NOT_FOUND', 'That account does not exist.')
    return a
  }

  byName(name: string): AccountRecord {
    const a = this.storage.accounts.findByName(name)
    if (!a) throw new AppError('NOT_FOUND', `There is no account named “${name}”.`)
    return a
  }

  add(input: NewAccountInput): AccountRecord {
    const info = PROVIDERS[input.credentials.kind]
    const credentials = parseOrThrow(CredentialsSchema, input.credentials)
    // The CLI and the window both come here: the same name rules whichever way the name arrived.
    const name = parseOrThrow(AccountName, input.name)
    this.assertNameFree(name, null)
    const id = randomUUID()
    const record: AccountRecord = {
      id,
      kind: credentials.kind,
      name,
      baseUrl: input.baseUrl.trim().replace(/\/+$/, ''),
      currency: input.currency?.trim().toUpperCase() || info.defaultCurrency,
      sealedCredentials: this.vault.seal(JSON.stringify(credentials), `account:${id}`),
      settings: parseOrThrow(AccountSettingsSchema, input.settings ?? {}),
      demo: input.demo ?? false,
      createdAt: this.now().toISOString()
    }
    this.withNameConflict(name, () => this.storage.transaction(() => {
      this.storage.accounts.insert(record)
      this.storage.audit.append({ at: record.createdAt, actor: this.actor(), action: 'account.add', subjectType: 'account', subjectId: id, detail: { kind: record.kind, name: record.name } })
    }))
    this.events.emit({ type: 'accounts.changed' })
    return record
  }

  update(id: string, patch: { name?: string | undefined; settings?: Partial<AccountSettings> | undefined; baseUrl?: string }): AccountRecord {
    const a = this.get(id)
    const settings = patch.settings ? parseOrThrow(AccountSettingsSchema, { ...a.settings, ...patch.settings }) : undefined
    const name = patch.name !== undefined ? parseOrThrow(AccountName, patch.name) : undefined
    if (name !== undefined) this.assertNameFree(name, id)
    this.withNameConflict(name ?? a.name, () =>
      this.storage.accounts.update(id, {
        ...(name !== undefined ? { name } : {}),
        ...(settings ? { settings } : {}),
        ...(patch.baseUrl ? { baseUrl: patch.baseUrl.trim().replace(/\/+$/, '') } : {})
      })
    )
    this.runtimes.delete(id)
    this.events.emit({ type: 'accounts.changed' })
    return this.get(id)
  }

  /** Adding and renaming refuse a taken name (any case) with the same words. */
  private assertNameFree(name: string, ownId: string | null): void {
    const holder = this.storage.accounts.findByName(name)
    if (holder && holder.id !== ownId) throw this.nameTaken(name)
  }

  private nameTaken(name: string): AppError {
    return new AppError('CONFLICT', `An account named “${name}” already exists. Choose another name.`, { fields: { name: 'This name is taken' } })
  }

  /** Another process may take the name between the check and the write: the UNIQUE index says so in the same words. */
  private withNameConflict<T>(name: string, write: () => T): T {
    try {
      return write()
    } catch (e) {
      const mapped = e instanceof AppError ? e : fromStorageError(e)
      if (mapped?.code === 'CONFLICT' && mapped.fields?.name) throw this.nameTaken(name)
      throw e
    }
  }

  remove(id: string): boolean {
    this.get(id)
    if (this.storage.accounts.hasOrders(id)) {
      throw new AppError('CONFLICT', 'This account has orders and codes; it cannot be removed without losing their history.')
    }
    this.runtimes.delete(id)
    const removed = this.storage.accounts.remove(id)
    this.events.emit({ type: 'accounts.changed' })
    return removed
  }

  /** The adapter, limiter and polling cadence of an account (credentials opened in memory only). */
  runtime(id: string): AccountRuntime {
    const cached = this.runtimes.get(id)
    if (cached) return cached
    const account = this.get(id)
    const info = PROVIDERS[account.kind]
    const credentials = CredentialsSchema.parse(JSON.parse(this.vault.open(account.sealedCredentials, `account:${account.id}`)))
    // The limiter's size comes from the adapter's documented limits, so the HTTP client gets it through a gate
    // that is filled in right after the adapter exists (no request can be made before that).
    let limiter: AccountRateLimiter | null = null
    const gate: RequestGate = {
      acquire: (bucket, priority) => limiter!.acquire(bucket, priority),
      backoff: (ms) => limiter!.backoff(ms)
    }
    const http = createHttpClient({ baseUrl: account.baseUrl, gate, label: info.label, ...(this.httpTimeoutMs ? { timeoutMs: this.httpTimeoutMs } : {}) })
    const adapter = info.factory({ baseUrl: account.baseUrl, credentials, currency: account.currency, now: this.now, http })
    const caps = adapter.capabilities
    const perMinute = account.settings.rateLimitPerMinute
    limiter = new AccountRateLimiter(perMinute ? { ...caps.rateLimits, ...Object.fromEntries(Object.keys(caps.rateLimits).map((k) => [k, perMinute])), default: perMinute } : caps.rateLimits)
    const rt: AccountRuntime = {
      account,
      adapter,
      limiter,
      pollIntervalMs: (account.settings.pollIntervalSeconds ?? caps.pollIntervalSeconds) * 1000,
      firstPollDelayMs: (account.settings.firstPollDelaySeconds ?? caps.typicalDeliverySeconds) * 1000
    }
    this.runtimes.set(id, rt)
    return rt
  }
}
