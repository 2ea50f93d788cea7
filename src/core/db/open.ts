// Opens the SQLite database: a private folder (0700), a private file (0600; SQLite gives its -wal and -shm files
// the main file's permissions), WAL for crash safety with concurrent readers, and migrations applied.
import Database from 'better-sqlite3'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { migrate } from './migrations'

export type Db = Database.Database

export const DB_FILE = 'resellerdesk.sqlite'

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (process.platform !== 'win32') chmodSync(dir, 0o700)
}

export function openDatabase(dataDir: string): Db {
  ensurePrivateDir(dataDir)
  const file = join(dataDir, DB_FILE)
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
  if (process.platform !== 'win32') chmodSync(file, 0o600)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // FULL: a transaction that returned is on disk, so a code is never lost to a power cut after we said "stored".
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

/** An in-memory database with the same schema, for unit tests. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db)
  return db
}
