import type { Db } from './open'
import type { ProviderKind } from '../../shared/domain'
import type { AccountSettings } from '../../shared/contract'

export interface AccountRecord {
  id: string
  kind: ProviderKind
  name: string
  baseUrl: string
  currency: string
  /** Sealed credentials; only the vault can open them. */
  sealedCredentials: Buffer
  settings: AccountSettings
  demo: boolean
  createdAt: string
}

type Row = {
  id: string
  kind: ProviderKind
  name: string
  base_url: string
  currency: string
  credentials: Buffer
  settings: string
  demo: number
  created_at: string
}

function fromRow(r: Row): AccountRecord {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    baseUrl: r.base_url,
    currency: r.currency,
    sealedCredentials: r.credentials,
    settings: JSON.parse(r.settings) as AccountSettings,
    demo: r.demo === 1,
    createdAt: r.created_at
  }
}

export class AccountsRepo {
  constructor(private readonly db: Db) {}

  insert(a: AccountRecord): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, kind, name, base_url, currency, credentials, settings, demo, created_at)
         VALUES (@id, @kind, @name, @baseUrl, @currency, @credentials, @settings, @demo, @createdAt)`
      )
      .run({ ...a, credentials: a.sealedCredentials, settings: JSON.stringify(a.settings), demo: a.demo ? 1 : 0 })
  }

  /** In the order they were added (several can share a millisecond: rowid breaks the tie). */
  list(): AccountRecord[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY created_at, rowid').all() as Row[]).map(fromRow)
  }

  get(id: string): AccountRecord | null {
    const r = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined
    return r ? fromRow(r) : null
  }

  findByName(name: string): AccountRecord | null {
    const r = this.db.prepare('SELECT * FROM accounts WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined
    return r ? fromRow(r) : null
  }

  /** One write (all of the patch or none), taking the write lock up front like every write transaction here. */
  update(id: string, patch: { name?: string; settings?: AccountSettings; baseUrl?: string }): void {
    this.db.transaction(() => {
      if (patch.baseUrl !== undefined) this.db.prepare('UPDATE accounts SET base_url = ? WHERE id = ?').run(patch.baseUrl, id)
      if (patch.name !== undefined) this.db.prepare('UPDATE accounts SET name = ? WHERE id = ?').run(patch.name, id)
      if (patch.settings !== undefined) this.db.prepare('UPDATE accounts SET settings = ? WHERE id = ?').run(JSON.stringify(patch.settings), id)
    }).immediate()
  }

  /** Only an account without orders can be removed: the journal and codes must keep their account. */
  hasOrders(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM orders WHERE account_id = ? LIMIT 1').get(id) !== undefined
  }

  remove(id: string): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0
      // The account's catalog rows went with it (ON DELETE CASCADE): keep the full-text index in step.
      if (removed) this.db.prepare("INSERT INTO catalog_fts(catalog_fts) VALUES ('rebuild')").run()
      return removed
    }).immediate()
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n
  }
}
