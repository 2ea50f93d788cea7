// A consistent copy of the live database, taken while the app keeps working: SQLite's online backup API (it
// restarts the copy when another connection writes meanwhile, so the result is one point in time), or, where the
// caller cannot wait (just before a migration, which runs synchronously at open), sqlite3_serialize inside a read
// transaction. Then the copy is checked and read for what the backup's header carries.
import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import type { WrappedKey } from '../vault/types'
import { isRecoveryWrapping, type RecoveryWrapping } from '../vault/recovery-key'
import type { BackupHeader } from './backup-file'

export async function snapshotTo(db: Db, path: string): Promise<void> {
  await db.backup(path)
}

export function snapshotToSync(db: Db, path: string): void {
  writeFileSync(path, db.serialize(), { mode: 0o600, flag: 'wx' })
}

export interface SnapshotFacts {
  schemaVersion: number
  keys: BackupHeader['keys']
  counts: BackupHeader['counts']
}

/**
 * Opens the copy, checks it (a damaged page must not become the backup everyone trusts), turns it into a single
 * self-contained file (no -wal beside it) and reads the wrapped keys and counts. Refuses a copy nothing can open
 * elsewhere (a keychain-only vault without its recovery key).
 */
export function inspectSnapshot(path: string, opts: { portableOnly?: boolean } = {}): SnapshotFacts {
  const snap = new Database(path)
  try {
    snap.pragma('journal_mode = DELETE')
    const check = snap.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new AppError('DATA_DAMAGED', `The database failed its integrity check while being backed up (${String(check)}). The earlier backups are untouched.`)
    const schemaVersion = (snap.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0
    const meta = snap.prepare('SELECT wrapped_key FROM vault_meta WHERE id = 1').get() as { wrapped_key: string } | undefined
    const hasRecovery = snap.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vault_recovery'").get() !== undefined
    const rec = hasRecovery ? (snap.prepare('SELECT wrapped_key FROM vault_recovery WHERE id = 1').get() as { wrapped_key: string } | undefined) : undefined
    const keys: BackupHeader['keys'] = {}
    const wrapped = meta ? (JSON.parse(meta.wrapped_key) as WrappedKey) : null
    if (wrapped?.method === 'passphrase') keys.passphrase = wrapped
    const recovery = rec ? (JSON.parse(rec.wrapped_key) as unknown) : null
    if (isRecoveryWrapping(recovery)) keys.recovery = recovery as RecoveryWrapping
    // Before a migration the backup is taken anyway: it restores on this computer (its keychain opens the copy's own key).
    if (!keys.passphrase && !keys.recovery && opts.portableOnly !== false) {
      throw new AppError('VAULT_LOCKED', 'This vault has no recovery key yet, so a backup of it could not be opened on another computer. Unlock the vault once (a recovery key is made then) and back up again.')
    }
    const count = (table: string): number => (snap.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    return { schemaVersion, keys, counts: { codes: count('codes'), orders: count('orders'), accounts: count('accounts') } }
  } finally {
    snap.close()
  }
}
