// Versioned schema migrations. Append only: a released migration is never edited, a new one is added.
// No SQL lives outside src/core/db, so a shared PostgreSQL store can later sit behind the same repositories.
import type Database from 'better-sqlite3'

type Migration = { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'journal, vault, catalog, codes, balances, audit',
    sql: `
      CREATE TABLE vault_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        wrapped_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        base_url TEXT NOT NULL,
        currency TEXT NOT NULL,
        credentials BLOB NOT NULL,           -- sealed by the vault, aad "account:<id>"
        settings TEXT NOT NULL,              -- JSON AccountSettings
        demo INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );

      CREATE TABLE catalog_items (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        product_id TEXT NOT NULL,
        variant_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        variant_name TEXT,
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        price TEXT NOT NULL,
        currency TEXT NOT NULL,
        stock INTEGER,
        in_stock INTEGER NOT NULL,
        max_per_order INTEGER NOT NULL,
        fields TEXT NOT NULL,                -- JSON CustomField[]
        synced_at TEXT NOT NULL,
        PRIMARY KEY (account_id, product_id, variant_id)
      );
      CREATE VIRTUAL TABLE catalog_fts USING fts5(
        title, variant_name, category, description,
        content = 'catalog_items', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER catalog_ai AFTER INSERT ON catalog_items BEGIN
        INSERT INTO catalog_fts(rowid, title, variant_name, category, description)
        VALUES (new.rowid, new.title, new.variant_name, new.category, new.description);
      END;
      CREATE TRIGGER catalog_ad AFTER DELETE ON catalog_items BEGIN
        INSERT INTO catalog_fts(catalog_fts, rowid, title, variant_name, category, description)
        VALUES ('delete', old.rowid, old.title, old.variant_name, old.category, old.description);
      END;
      CREATE TRIGGER catalog_au AFTER UPDATE ON catalog_items BEGIN
        INSERT INTO catalog_fts(catalog_fts, rowid, title, variant_name, category, description)
        VALUES ('delete', old.rowid, old.title, old.variant_name, old.category, old.description);
        INSERT INTO catalog_fts(rowid, title, variant_name, category, description)
        VALUES (new.rowid, new.title, new.variant_name, new.category, new.description);
      END;

      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        product_id TEXT NOT NULL,
        variant_id TEXT,
        title TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price TEXT NOT NULL,
        currency TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}',
        client_ref TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        upstream_id TEXT,
        upstream_status TEXT,
        step TEXT,
        charged TEXT,
        refunded TEXT,
        fulfilled_quantity INTEGER,
        error_code TEXT,
        error_message TEXT,
        review_reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        submit_started_at TEXT,
        next_action_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        completed_at TEXT,
        UNIQUE (account_id, upstream_id)
      );
      CREATE INDEX orders_by_state ON orders(state, next_action_at);
      CREATE INDEX orders_by_batch ON orders(batch_id);
      CREATE INDEX orders_by_created ON orders(created_at);

      CREATE TABLE order_events (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        at TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX order_events_by_order ON order_events(order_id);

      CREATE TABLE codes (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        seq INTEGER NOT NULL,                 -- position in the order's delivery
        account_id TEXT NOT NULL REFERENCES accounts(id),
        product_id TEXT NOT NULL,
        sealed BLOB NOT NULL,                 -- AES-256-GCM, aad "code:<id>"
        fingerprint BLOB NOT NULL,            -- HMAC, to notice one code delivered twice
        duplicate_of TEXT,
        state TEXT NOT NULL DEFAULT 'in_stock',
        void_reason TEXT,
        created_at TEXT NOT NULL,
        exported_at TEXT,
        sold_at TEXT,
        UNIQUE (order_id, seq)                -- an order's codes can never be stored twice
      );
      CREATE INDEX codes_by_fingerprint ON codes(fingerprint);
      CREATE INDEX codes_by_state ON codes(state, account_id);
      CREATE INDEX codes_by_order ON codes(order_id);

      CREATE TABLE balance_snapshots (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        available TEXT NOT NULL,
        currency TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        at TEXT NOT NULL
      );
      CREATE INDEX balance_by_account ON balance_snapshots(account_id, at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_type TEXT NOT NULL,
        subject_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_by_subject ON audit_log(subject_type, subject_id);
    `
  },
  {
    version: 2,
    name: 'ledger of upstream operations and sales',
    sql: `
      CREATE TABLE ledger_entries (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        external_id TEXT NOT NULL,           -- the upstream's own id: importing it again adds nothing
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        amount TEXT NOT NULL,                -- signed decimal text: in > 0, out < 0
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        product_id TEXT,
        product_name TEXT,
        reference TEXT,
        upstream_type TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (account_id, external_id)
      );
      CREATE INDEX ledger_by_account_time ON ledger_entries(account_id, at);
    `
  },
  {
    version: 3,
    name: 'app settings and staff profiles',
    sql: `
      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL                  -- JSON
      );
      CREATE TABLE profiles (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        created_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL
      );
    `
  },
  {
    version: 4,
    name: 'daily workflow: low-balance alerts, markup rules, watched products, schedules',
    sql: `
      CREATE TABLE balance_alerts (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('armed', 'low')),   -- low: warned for this dip, re-armed at/above the threshold
        threshold TEXT,
        changed_at TEXT NOT NULL
      );

      CREATE TABLE markup_rules (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        category TEXT NOT NULL DEFAULT '' COLLATE NOCASE,         -- '' = every category of the account
        kind TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
        value TEXT NOT NULL,                                      -- decimal text
        round_step TEXT,
        round_mode TEXT CHECK (round_mode IN ('up', 'nearest')),
        updated_at TEXT NOT NULL,
        UNIQUE (account_id, category)
      );

      CREATE TABLE catalog_watches (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        product_id TEXT NOT NULL,
        variant_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        variant_name TEXT,
        seen_price TEXT,                                          -- NULL: not in the catalog when last seen
        seen_currency TEXT,
        seen_stock INTEGER,
        seen_in_stock INTEGER,
        watched_at TEXT NOT NULL,
        last_changed_at TEXT,
        PRIMARY KEY (account_id, product_id, variant_id)
      );

      CREATE TABLE scheduled_runs (
        job TEXT NOT NULL,
        scope TEXT NOT NULL DEFAULT '',                           -- the account id for per-account jobs
        last_run_at TEXT NOT NULL,
        last_ok_at TEXT,
        last_error TEXT,
        PRIMARY KEY (job, scope)
      );

      CREATE INDEX codes_by_created ON codes(created_at);
      CREATE INDEX codes_by_sold ON codes(sold_at) WHERE sold_at IS NOT NULL;
    `
  },
  {
    version: 5,
    name: 'indexes for the codes list and export order; catalog search index rebuilt per sync instead of per row',
    sql: `
      -- The codes list (newest first) and the export (oldest first) read codes in exactly these orders; with a
      -- matching index the first page of a million codes is a few rows read instead of a sort of everything.
      DROP INDEX IF EXISTS codes_by_created;
      CREATE INDEX codes_by_time ON codes(created_at, order_id, seq);
      CREATE INDEX codes_by_state_time ON codes(state, created_at, order_id, seq);
      -- Keeping the full-text index current row by row cost two thirds of a catalog sync; the catalog repository
      -- now rebuilds it once per sync (see CatalogRepo.replaceForAccount).
      DROP TRIGGER IF EXISTS catalog_ai;
      DROP TRIGGER IF EXISTS catalog_ad;
      DROP TRIGGER IF EXISTS catalog_au;
      INSERT INTO catalog_fts(catalog_fts) VALUES ('rebuild');
    `
  },
  {
    version: 6,
    name: 'recovery evidence per order: account totals before the create, review candidates, supplier creation time',
    sql: `
      -- JSON {totalOrders, totalSpent, serverTime, localTime}: the supplier's totals read just before the create.
      ALTER TABLE orders ADD COLUMN pre_create TEXT;
      -- JSON array of the supplier's orders that could be this one, shown to the person who reviews it.
      ALTER TABLE orders ADD COLUMN review_candidates TEXT;
      -- When the supplier says it created the order, on its own clock (ISO): teaches us its list's time zone.
      ALTER TABLE orders ADD COLUMN upstream_created_at TEXT;
    `
  },
  {
    version: 7,
    name: 'recovery key: a second wrapping of the data key',
    sql: `
      CREATE TABLE vault_recovery (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        wrapped_key TEXT NOT NULL,           -- JSON RecoveryWrapping: the data key under the recovery key
        sealed_key BLOB NOT NULL,            -- the recovery key sealed by the data key, aad "vault:recovery-key"
        created_at TEXT NOT NULL,
        acknowledged_at TEXT                 -- when the person confirmed they wrote it down (null: the app asks)
      );
    `
  },
  {
    version: 8,
    name: 'account leases: one process at a time works the orders of an account',
    sql: `
      -- Several processes (the app, CLIs) may open one data folder. The engine works an account's orders only
      -- while it holds that account's lease: one create in flight per account across all processes (recovery by
      -- matching stays unambiguous) and one rate limiter talking to the supplier. A lease lapses when its holder
      -- stops renewing it (expires_at) or is seen to be gone (pid on this host no longer running).
      CREATE TABLE account_leases (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        owner TEXT NOT NULL,        -- random id of the holding engine, new for every start
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        kind TEXT NOT NULL,         -- 'app' or 'cli', for the message that says who is working the orders
        since TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `
  },
  {
    version: 9,
    name: 'exports recorded before their file is written, so an interrupted export is cleaned up or completed',
    sql: `
      -- One row per CSV export, written before the file: which codes, where, and the exact temp file name, so the next
      -- start removes only a temp file we made and completes an export whose file landed but whose codes were not
      -- marked. state: writing (temp file may be partial) → written (complete, fsynced, digest known; renamed next)
      -- → done (codes marked) | abandoned (nothing landed, temp removed).
      CREATE TABLE exports (
        id TEXT PRIMARY KEY,
        target_path TEXT NOT NULL,
        temp_path TEXT NOT NULL,
        code_ids TEXT NOT NULL,
        mark_exported INTEGER NOT NULL,
        detail TEXT NOT NULL,
        actor TEXT NOT NULL,
        pid INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('writing', 'written', 'done', 'abandoned')),
        digest TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX exports_unfinished ON exports(state) WHERE state IN ('writing', 'written');
    `
  },
  {
    version: 10,
    name: 'an interrupted export whose file is not the one written is uncertain, for the person to check',
    sql: `
      -- state gains 'uncertain': the file at the target is not the one the export wrote (another digest, or gone from
      -- a folder we can read), so whether its codes left the vault is for the person to say; its codes are not marked.
      CREATE TABLE exports_v10 (
        id TEXT PRIMARY KEY,
        target_path TEXT NOT NULL,
        temp_path TEXT NOT NULL,
        code_ids TEXT NOT NULL,
        mark_exported INTEGER NOT NULL,
        detail TEXT NOT NULL,
        actor TEXT NOT NULL,
        pid INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('writing', 'written', 'done', 'abandoned', 'uncertain')),
        digest TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      );
      INSERT INTO exports_v10 SELECT id, target_path, temp_path, code_ids, mark_exported, detail, actor, pid, state, digest, created_at, finished_at FROM exports;
      DROP TABLE exports;
      ALTER TABLE exports_v10 RENAME TO exports;
      CREATE INDEX exports_unfinished ON exports(state) WHERE state IN ('writing', 'written');
    `
  }
]

export interface MigrateOptions {
  /**
   * Called once, before the first pending migration of a database that already had a schema (never for a new one),
   * with the versions about to be applied: the hook takes a backup, so a failed or faulty upgrade can be undone.
   * If it throws, nothing is migrated.
   */
  beforeMigrating?: (db: Database.Database, pending: number[]) => void
}

/** Whether opening this database would migrate a schema that already held data (and so must back it up first). */
export function needsMigrationOfExistingSchema(db: Database.Database): boolean {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined
  if (!has) return false
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version))
  return applied.size > 0 && MIGRATIONS.some((m) => !applied.has(m.version))
}

export function migrate(db: Database.Database, opts: MigrateOptions = {}): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version))
  const newest = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0)
  const latestApplied = Math.max(0, ...applied)
  if (latestApplied > newest) {
    throw new Error(`This data was written by a newer ResellerDesk (schema ${latestApplied}); please update the app.`)
  }
  const pending = MIGRATIONS.filter((m) => !applied.has(m.version)).map((m) => m.version)
  if (pending.length > 0 && latestApplied > 0) opts.beforeMigrating?.(db, pending)
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue
    // Write lock first, then look again: the app and a CLI opening one folder at once must not both apply it.
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    }).immediate()
  }
}
