// Restoring a backup into a data folder, on this computer or another: verify the file, open its key with the
// recovery key or the passphrase, build the restored folder beside the target, re-protect its key for this
// computer, and only then swap it in. The current folder is renamed aside with a timestamp, never overwritten or
// deleted. Until the swap nothing outside our own staging folder is touched, so any failure (wrong key, foreign or
// damaged file, full disk) leaves the disk as it was.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { DB_FILE, openDatabase } from '../db/open'
import { Storage } from '../db/storage'
import { AppError } from '../errors'
import { createPassphraseKeyProvider } from '../vault/passphrase-provider'
import { dataKeyFromRecoveryKey, openVaultWithRecovery } from '../vault/recovery'
import type { KeyProvider, WrappedKey } from '../vault/types'
import { wrapVerified } from '../vault/vault'
import { extractDatabase, fsyncDir, openBackupFile, type BackupHeader } from './backup-file'
import { readFolderState, writeFolderState } from './folder-state'

/** How the person opens the backup: its recovery key, its passphrase, or (same computer only) this computer's keychain. */
export type BackupSecret = { recoveryKey: string } | { passphrase: string } | { sameComputer: KeyProvider }

export interface RestoreOptions {
  file: string
  dataDir: string
  secret: BackupSecret
  /** How the restored vault is protected here from now on (the keychain in the app, the passphrase in the CLI). */
  localProvider: KeyProvider
  now?: () => Date
}

export interface RestoreResult {
  dataDir: string
  /** Where the data that was there went (null when the folder was empty or absent). */
  movedAside: string | null
  header: BackupHeader
  /** Set when the backup predates recovery keys and a new one was made: show it to the person now. */
  newRecoveryKey: string | null
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const now = opts.now ?? (() => new Date())
  const backup = openBackupFile(opts.file)
  // Before anything is written: a wrong key must change nothing.
  const dataKey = await unwrapBackupKey(backup.header, opts.secret, () => readEmbeddedKey(backup))
  const staging = `${opts.dataDir}.restoring-${randomBytes(4).toString('hex')}`
  try {
    mkdirSync(dirname(opts.dataDir), { recursive: true })
    mkdirSync(staging, { mode: 0o700 })
    extractDatabase(backup, join(staging, DB_FILE))
    const storage = new Storage(openDatabase(staging, { backupBeforeMigrating: false }))
    let newRecoveryKey: string | null = null
    try {
      const local = await wrapVerified(opts.localProvider, dataKey)
      storage.vaultMeta.save(local)
      // A backup from before recovery keys gets one now; otherwise the one the person already wrote down stays valid.
      const opened = await openVaultWithRecovery(storage.vaultMeta, storage.vaultRecovery, opts.localProvider)
      newRecoveryKey = opened.newRecoveryKey
      storage.audit.append({
        at: now().toISOString(),
        actor: 'restore',
        action: 'backup.restored',
        subjectType: 'vault',
        subjectId: null,
        detail: { file: basename(opts.file), createdAt: backup.header.createdAt, reason: backup.header.reason }
      })
    } finally {
      storage.close()
    }
    // The folder settings (where backups go) belong to this computer; the series tag belongs to the vault.
    const here = readFolderState(opts.dataDir)
    writeFolderState(staging, {
      v: 1,
      vaultTag: backup.header.vaultTag,
      vaultSince: now().toISOString(),
      folder: here?.folder ?? null,
      last: null,
      lastError: null
    })
    const movedAside = moveAside(opts.dataDir, now())
    try {
      renameSync(staging, opts.dataDir)
    } catch (e) {
      if (movedAside) renameSync(movedAside, opts.dataDir) // put the old data back where it was
      throw e
    }
    fsyncDir(dirname(opts.dataDir))
    return { dataDir: opts.dataDir, movedAside, header: backup.header, newRecoveryKey }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true })
    if (e instanceof AppError) throw e
    throw new AppError('FILE_WRITE_FAILED', `The backup could not be restored into ${opts.dataDir} (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`, { cause: e })
  } finally {
    dataKey.fill(0)
  }
}

/** Throws the clear error a wrong key or a foreign or damaged file gives, reading only (the app checks before it closes anything). */
export async function checkBackupSecret(file: string, secret: BackupSecret): Promise<void> {
  const backup = openBackupFile(file)
  ;(await unwrapBackupKey(backup.header, secret, () => readEmbeddedKey(backup))).fill(0)
}

async function unwrapBackupKey(header: BackupHeader, secret: BackupSecret, embedded: () => WrappedKey | null): Promise<Buffer> {
  if ('recoveryKey' in secret) {
    if (!header.keys.recovery) throw new AppError('UNSUPPORTED', 'This backup was made before the vault had a recovery key. Open it with the passphrase, or on the computer it came from.')
    return dataKeyFromRecoveryKey(header.keys.recovery, secret.recoveryKey)
  }
  if ('passphrase' in secret) {
    if (!header.keys.passphrase) {
      throw new AppError('UNSUPPORTED', "This vault was protected by a computer's keychain, not a passphrase. Open the backup with its recovery key.")
    }
    try {
      return await createPassphraseKeyProvider(secret.passphrase).unwrap(header.keys.passphrase)
    } catch (e) {
      if (e instanceof AppError && e.code === 'WRONG_PASSPHRASE') {
        throw new AppError('WRONG_PASSPHRASE', 'That passphrase does not open this backup. Use the passphrase the vault had when the backup was made, or its recovery key. Nothing was changed.')
      }
      throw e
    }
  }
  const wrapped = embedded()
  if (!wrapped) throw new AppError('VAULT_CORRUPT', 'This backup holds no vault key. Nothing was changed.')
  return secret.sameComputer.unwrap(wrapped)
}

/** The key as stored inside the backed-up database (a keychain wrapping: opens only on the computer that made it). */
function readEmbeddedKey(backup: ReturnType<typeof openBackupFile>): WrappedKey | null {
  const dir = join(dirname(backup.file), `.rdbackup-read-${randomBytes(4).toString('hex')}`)
  mkdirSync(dir, { mode: 0o700 })
  try {
    extractDatabase(backup, join(dir, DB_FILE))
    const db = new Database(join(dir, DB_FILE), { readonly: true })
    try {
      const r = db.prepare('SELECT wrapped_key FROM vault_meta WHERE id = 1').get() as { wrapped_key: string } | undefined
      return r ? (JSON.parse(r.wrapped_key) as WrappedKey) : null
    } finally {
      db.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Renames the current data aside (`<dir>-before-restore-<time>`); null when there is nothing there. */
function moveAside(dataDir: string, at: Date): string | null {
  if (!existsSync(dataDir)) return null
  if (readdirSync(dataDir).length === 0) {
    rmSync(dataDir, { recursive: true }) // an empty folder holds nothing to keep
    return null
  }
  const aside = `${dataDir}-before-restore-${at.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`
  let target = aside
  for (let i = 2; existsSync(target); i++) target = `${aside}-${i}`
  renameSync(dataDir, target)
  return target
}
