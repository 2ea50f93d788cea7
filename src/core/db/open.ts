// Opens the SQLite database: a private folder (0700), a private file (0600; SQLite gives its -wal and -shm files
// the main file's permissions), WAL for crash safety with concurrent readers, an integrity check, and migrations
// applied (after a backup). A backup file is authenticated with a subkey of the vault's data key, so a database that
// already held data is migrated only by whoever unlocks the vault (migrateWithBackup); openDatabase alone leaves it
// as it was.
import Database from 'better-sqlite3'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors'
import { createHmac, type Hmac } from 'node:crypto'
import { createBackupSync } from '../backup'
import { backupFolderOf, defaultBackupFolder, readFolderState, recordWritten, updateFolderState } from '../backup'
import { finishInterruptedRestore } from '../backup'
import { latestBackup, restoreAdvice } from '../backup'
import { backupMacKey } from '../vault/open-vault'
import { migrate, needsMigrationOfExistingSchema } from './migrations'

export type Db = Database.Database

export const DB_FILE = 'resellerdesk.sqlite'

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (process.platform !== 'win32') chmodSync(dir, 0o700)
}

export interface OpenOptions {
  /**
   * false: migrate without a backup (a copy being restored, whose original is the backup). Otherwise a database
   * that already held data and needs migrating is left unmigrated: Session.open unlocks the vault and calls
   * migrateWithBackup (the backup needs the data key). A new database is always migrated.
   */
  backupBeforeMigrating?: boolean
}

/**
 * Throws DATA_DAMAGED, naming the latest backup, when the database is not a database, fails SQLite's quick check, or
 * is missing from a folder that held a vault: a damaged vault is never replaced by a new empty one. Any other
 * failure to open (busy, locked, read-only, no permission, disk full, I/O error) is DATA_UNAVAILABLE: the data is
 * fine, so nobody is sent to restore an older backup over it.
 */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Db {
  // Before the folder is made: a restore cut off half-way may have left the data folder renamed aside.
  finishInterruptedRestore(dataDir)
  ensurePrivateDir(dataDir)
  const file = join(dataDir, DB_FILE)
  if (!existsSync(file) || statSync(file).size === 0) {
    if (readFolderState(dataDir)?.vaultSince || latestBackup(dataDir)) {
      throw damaged(dataDir, 'its database file is missing or empty, although this folder held a vault')
    }
    closeSync(openSync(file, 'a', 0o600))
  }
  if (process.platform !== 'win32') chmodSync(file, 0o600)
  let db: Db | null = null
  try {
    db = new Database(file)
    // First: switching to WAL needs a moment of exclusive access, which another process may be holding.
    // 20 s, not 5: SQLite's busy handler is not fair, and on a starved CPU (three writers on two busy cores, see
    // storage-contention.test.ts under stress-ng) one process waited over 5 s for its turn. A write that waits is
    // better than one that fails half-way through a purchase; in everyday use the lock is free within milliseconds.
    db.pragma('busy_timeout = 20000')
    db.pragma('journal_mode = WAL')
    // FULL: a transaction that returned is on disk, so a code is never lost to a power cut after we said "stored".
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    // quick_check: O(N) but without the index cross-checks of integrity_check (see the README for timings).
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw damaged(dataDir, `SQLite's check found: ${String(check).slice(0, 200)}`)
  } catch (e) {
    db?.close()
    if (e instanceof AppError) throw e
    if (e instanceof Database.SqliteError && isDamage(e)) throw damaged(dataDir, sqliteProblem(e))
    throw unavailable(dataDir, e)
  }
  try {
    if (opts.backupBeforeMigrating === false || !needsMigrationOfExistingSchema(db)) migrate(db)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}

/** Whether the database (opened by openDatabase) still waits for migrateWithBackup. */
export function needsBackupBeforeMigrating(db: Db): boolean {
  return needsMigrationOfExistingSchema(db)
}

/** Backs up (authenticated with the data key's backup subkey), then migrates. The caller keeps and wipes dataKey. */
export function migrateWithBackup(dataDir: string, db: Db, dataKey: Buffer): void {
  const key = backupMacKey(dataKey)
  migrate(db, { beforeMigrating: (d) => backupBeforeMigrating(dataDir, d, () => createHmac('sha256', key)) })
}

/** An in-memory database with the same schema, for unit tests. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db)
  return db
}

/**
 * Into the chosen backup folder, or the data folder's own when that one cannot be written (a USB drive not plugged
 * in must not block an upgrade, and must not let it run without a way back). If neither works, nothing is migrated.
 */
function backupBeforeMigrating(dataDir: string, db: Db, mac: () => Hmac): void {
  const state = updateFolderState(dataDir, (s) => ({ ...s, vaultSince: s.vaultSince ?? new Date().toISOString() }))
  const at = new Date()
  const folders = [...new Set([backupFolderOf(dataDir, state), defaultBackupFolder(dataDir)])]
  let lastError: unknown = null
  for (const folder of folders) {
    try {
      const made = createBackupSync(db, {
        vaultTag: state.vaultTag,
        reason: 'pre-migration',
        at,
        folder,
        mac,
        mayCreateFolder: folder === defaultBackupFolder(dataDir),
        owned: new Set(state.written)
      })
      updateFolderState(dataDir, (s) => recordWritten({ ...s, last: { at: made.at, file: made.file }, lastError: null }, made))
      return
    } catch (e) {
      lastError = e
    }
  }
  const why = lastError instanceof Error ? lastError.message : String(lastError)
  throw new AppError(
    'FILE_WRITE_FAILED',
    `ResellerDesk must back up your data before updating it, and could not: ${why} Nothing was changed. Free some space, or choose a backup folder ` +
      `that can be written with \`resellerdesk --data-dir "${dataDir}" backup folder DIR\` (it works without opening the data), then start again.`,
    { cause: lastError }
  )
}

/** Only these mean the file itself is bad; anything else (busy, locked, read-only, permissions, full, I/O) is not. */
function isDamage(e: { code: string }): boolean {
  return e.code === 'SQLITE_NOTADB' || e.code === 'SQLITE_CORRUPT' || e.code.startsWith('SQLITE_CORRUPT_')
}

function unavailable(dataDir: string, e: unknown): AppError {
  const code = (e as { code?: unknown })?.code
  const cause =
    code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || String(code).startsWith('SQLITE_BUSY_')
      ? 'another program is using it; close ResellerDesk everywhere else (the app, a command in a terminal) and try again'
      : code === 'SQLITE_READONLY' || String(code).startsWith('SQLITE_READONLY_') || code === 'EROFS'
        ? 'it can only be read here (a read-only drive or file)'
        : code === 'SQLITE_CANTOPEN' || String(code).startsWith('SQLITE_CANTOPEN_') || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM'
          ? 'ResellerDesk may not open the file (check the folder is there and yours)'
          : code === 'SQLITE_FULL' || code === 'ENOSPC'
            ? 'the drive is full; free some space'
            : code === 'SQLITE_IOERR' || String(code).startsWith('SQLITE_IOERR_')
              ? 'the drive reported a read or write error; check the drive'
              : e instanceof Error
                ? e.message
                : String(e)
  return new AppError('DATA_UNAVAILABLE', `The ResellerDesk data in ${dataDir} could not be opened (${cause}). It is not damaged: do not restore a backup over it.`, { cause: e })
}

function sqliteProblem(e: { code: string; message: string }): string {
  if (e.code === 'SQLITE_NOTADB') return 'its database file is not a database (it was overwritten or garbled)'
  if (e.code === 'SQLITE_CORRUPT') return 'its database file is corrupted'
  return `SQLite could not read it: ${e.message}`
}

function damaged(dataDir: string, problem: string): AppError {
  return new AppError('DATA_DAMAGED', `The ResellerDesk data in ${dataDir} is damaged: ${problem}. Nothing was changed and no new vault was made. ${restoreAdvice(dataDir)}`)
}
