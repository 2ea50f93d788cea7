// Opens the SQLite database: a private folder (0700), a private file (0600; SQLite gives its -wal and -shm files
// the main file's permissions), WAL for crash safety with concurrent readers, an integrity check, and migrations
// applied (after a backup).
import Database from 'better-sqlite3'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors'
import { createBackupSync } from '../backup/create-backup'
import { backupFolderOf, defaultBackupFolder, readFolderState, updateFolderState } from '../backup/folder-state'
import { latestBackup, restoreAdvice } from '../backup/latest'
import { migrate } from './migrations'

export type Db = Database.Database

export const DB_FILE = 'resellerdesk.sqlite'

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (process.platform !== 'win32') chmodSync(dir, 0o700)
}

export interface OpenOptions {
  /** Back up before migrating an existing database (default true; off for a copy being restored). */
  backupBeforeMigrating?: boolean
}

/**
 * Throws DATA_DAMAGED, naming the latest backup, when the database is not a database, fails SQLite's quick check, or
 * is missing from a folder that held a vault: a damaged vault is never replaced by a new empty one.
 */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Db {
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
    db.pragma('journal_mode = WAL')
    // FULL: a transaction that returned is on disk, so a code is never lost to a power cut after we said "stored".
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // quick_check: O(N) but without the index cross-checks of integrity_check (see the README for timings).
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw damaged(dataDir, `SQLite's check found: ${String(check).slice(0, 200)}`)
  } catch (e) {
    db?.close()
    if (e instanceof AppError) throw e
    if (e instanceof Database.SqliteError) throw damaged(dataDir, sqliteProblem(e))
    throw e
  }
  try {
    migrate(db, opts.backupBeforeMigrating === false ? {} : { beforeMigrating: (d) => backupBeforeMigrating(dataDir, d) })
  } catch (e) {
    db.close()
    throw e
  }
  return db
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
function backupBeforeMigrating(dataDir: string, db: Db): void {
  const state = updateFolderState(dataDir, (s) => ({ ...s, vaultSince: s.vaultSince ?? new Date().toISOString() }))
  const at = new Date()
  const folders = [...new Set([backupFolderOf(dataDir, state), defaultBackupFolder(dataDir)])]
  let lastError: unknown = null
  for (const folder of folders) {
    try {
      const made = createBackupSync(db, { vaultTag: state.vaultTag, reason: 'pre-migration', at, folder })
      updateFolderState(dataDir, (s) => ({ ...s, last: { at: made.at, file: made.file }, lastError: null }))
      return
    } catch (e) {
      lastError = e
    }
  }
  const why = lastError instanceof Error ? lastError.message : String(lastError)
  throw new AppError('FILE_WRITE_FAILED', `ResellerDesk must back up your data before updating it, and could not: ${why} Nothing was changed; free some space or choose another backup folder, then start again.`, { cause: lastError })
}

function sqliteProblem(e: { code: string; message: string }): string {
  if (e.code === 'SQLITE_NOTADB') return 'its database file is not a database (it was overwritten or garbled)'
  if (e.code === 'SQLITE_CORRUPT') return 'its database file is corrupted'
  return `SQLite could not read it: ${e.message}`
}

function damaged(dataDir: string, problem: string): AppError {
  return new AppError('DATA_DAMAGED', `The ResellerDesk data in ${dataDir} is damaged: ${problem}. Nothing was changed and no new vault was made. ${restoreAdvice(dataDir)}`)
}
