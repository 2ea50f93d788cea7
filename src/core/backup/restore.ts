// Restoring a backup into a data folder, on this computer or another: verify the file, open its key with the
// recovery key, the passphrase or this computer's keychain, check the file was made by that vault (HMAC), build the
// restored folder beside the target, re-protect its key for this computer, and only then swap it in. The current
// folder is renamed aside with a timestamp, never overwritten or deleted. Until the swap nothing outside our own
// staging folder is touched, so any failure before it (wrong key, foreign, damaged or altered file, full disk) leaves
// the disk as it was; a swap cut off half-way is finished or undone by the next open (restore-marker.ts).
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { DB_FILE, openDatabase } from '../db/open'
import { folderHolders } from '../db/folder-lock'
import { Storage } from '../db/storage'
import { AppError } from '../errors'
import { createPassphraseKeyProvider } from '../vault/passphrase-provider'
import { dataKeyFromRecoveryKey, openVaultWithRecovery } from '../vault/recovery'
import { openVaultWithKey } from '../vault/open-vault'
import type { KeyProvider, WrappedKey } from '../vault/types'
import { wrapVerified } from '../vault/vault'
import { extractDatabase, fsyncDir, openBackupFile, verifyBackupMac, type BackupHeader, type OpenedBackup } from './backup-file'
import { FOLDER_STATE_FILE, newVaultTag, readFolderState, writeFolderState } from './folder-state'
import { clearSwapMarker, markerPath, writeSwapMarker } from './restore-marker'

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

export type DataCounts = BackupHeader['counts']

/**
 * What the data folder holds now (codes, orders, accounts), to set against the backup's before the person confirms:
 * restoring an older backup hides what was bought since. null when there is no data, or it cannot be read.
 */
export function currentCounts(dataDir: string): DataCounts | null {
  const file = join(dataDir, DB_FILE)
  if (!existsSync(file)) return null
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const count = (t: string): number => (db!.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
    return { codes: count('codes'), orders: count('orders'), accounts: count('accounts') }
  } catch {
    return null
  } finally {
    db?.close()
  }
}

/**
 * Refuses a target a restore must not rename: a folder another ResellerDesk is using (it would go on writing into the
 * folder moved aside), or a folder that is not ResellerDesk's (a mistyped --data-dir such as ~/Documents).
 */
export function checkRestoreTarget(dataDir: string, opts: { exceptPid?: number } = {}): void {
  if (!existsSync(dataDir)) return
  let names: string[]
  try {
    names = readdirSync(dataDir)
  } catch (cause) {
    throw new AppError('FILE_WRITE_FAILED', `The folder ${dataDir} cannot be read, so nothing was restored into it.`, { cause })
  }
  if (names.length > 0 && !names.includes(DB_FILE) && !names.includes(FOLDER_STATE_FILE)) {
    throw new AppError(
      'VALIDATION',
      `${dataDir} holds other files and no ResellerDesk data, so a restore will not move it. Restore into an empty or new folder, or the ResellerDesk data folder. Nothing was changed.`
    )
  }
  const holders = folderHolders(dataDir).filter((h) => h.pid !== opts.exceptPid)
  if (holders.length > 0) {
    const who = holders.map((h) => `${h.kind === 'app' ? 'the ResellerDesk app' : `a ResellerDesk ${h.kind}`} (process ${h.pid}, since ${h.since.slice(0, 16).replace('T', ' ')} UTC)`).join(', ')
    throw new AppError('CONFLICT', `The data in ${dataDir} is in use by ${who}. Close it, then restore. Nothing was changed.`)
  }
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const now = opts.now ?? (() => new Date())
  const backup = openBackupFile(opts.file)
  checkRestoreTarget(opts.dataDir)
  if (existsSync(markerPath(opts.dataDir))) {
    throw new AppError('CONFLICT', `An earlier restore into ${opts.dataDir} did not finish (${markerPath(opts.dataDir)}). Start ResellerDesk once so it finishes it, then restore again. Nothing was changed.`)
  }
  // Before anything is written: a wrong key, or a file this vault did not make, must change nothing.
  const dataKey = await unlockBackup(backup, opts.secret)
  const staging = `${opts.dataDir}.restoring-${randomBytes(4).toString('hex')}`
  /** Set once the old data has left its place: from then on the staging copy is one of the two copies, never deleted. */
  let swapStarted = false
  let aside: string | null = null
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
    // The folder settings (where backups go) belong to this computer. The series tag is new: two computers restored
    // from one backup are two series, and neither ever prunes (or names as "latest") the other's backups.
    const here = readFolderState(opts.dataDir)
    writeFolderState(staging, { v: 1, vaultTag: newVaultTag(), vaultSince: now().toISOString(), folder: here?.folder ?? null, last: null, lastError: null, written: [] })

    aside = asideName(opts.dataDir, now())
    writeSwapMarker({ dataDir: opts.dataDir, staging, aside, at: now().toISOString() })
    try {
      if (aside !== null) renameSync(opts.dataDir, aside)
      else if (existsSync(opts.dataDir)) rmdirSync(opts.dataDir) // empty (asideName said so): rmdir refuses anything that is not
    } catch (e) {
      clearSwapMarker(opts.dataDir) // the old data did not move: nothing to finish or undo
      throw e
    }
    swapStarted = true
    try {
      renameSync(staging, opts.dataDir)
    } catch (e) {
      if (aside !== null) {
        try {
          renameSync(aside, opts.dataDir) // put the old data back where it was
        } catch {
          throw halfDone(opts.dataDir, aside, staging, e)
        }
      }
      swapStarted = false // the old data is back in place: the staging copy is only a copy
      clearSwapMarker(opts.dataDir)
      throw e
    }
    clearSwapMarker(opts.dataDir)
    fsyncDir(dirname(opts.dataDir))
    return { dataDir: opts.dataDir, movedAside: aside, header: backup.header, newRecoveryKey }
  } catch (e) {
    if (!swapStarted) rmSync(staging, { recursive: true, force: true })
    if (e instanceof AppError) throw e
    throw new AppError('FILE_WRITE_FAILED', `The backup could not be restored into ${opts.dataDir} (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`, { cause: e })
  } finally {
    dataKey.fill(0)
  }
}

function halfDone(dataDir: string, aside: string, staging: string, cause: unknown): AppError {
  return new AppError(
    'FILE_WRITE_FAILED',
    `The restore stopped half-way (${cause instanceof Error ? cause.message : String(cause)}). Nothing is lost: your previous data is in ${aside}, and the restored data in ${staging}. ` +
      `ResellerDesk puts the restored data in place of ${dataDir} the next time it starts.`,
    { cause }
  )
}

/** Throws the clear error a wrong key or a foreign, damaged or altered file gives, reading only (the app checks before it closes anything). */
export async function checkBackupSecret(file: string, secret: BackupSecret): Promise<void> {
  ;(await unlockBackup(openBackupFile(file), secret)).fill(0)
}

/** The data key, once the backup is proven to be this vault's own (its HMAC). The caller wipes it. */
async function unlockBackup(backup: OpenedBackup, secret: BackupSecret): Promise<Buffer> {
  const dataKey = await unwrapBackupKey(backup.header, secret, () => readEmbeddedKey(backup))
  try {
    verifyBackupMac(backup, openVaultWithKey(dataKey).backupMac())
    return dataKey
  } catch (e) {
    dataKey.fill(0)
    throw e
  }
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
  try {
    return await secret.sameComputer.unwrap(wrapped)
  } catch (e) {
    if (e instanceof AppError && (e.code === 'WRONG_PASSPHRASE' || e.code === 'VAULT_CORRUPT' || e.code === 'UNSUPPORTED')) {
      throw new AppError('WRONG_PASSPHRASE', "This computer's keychain does not open this backup: it was made on another computer, or before this computer's keychain changed. Open it with its recovery key or passphrase. Nothing was changed.")
    }
    throw e
  }
}

/**
 * The key as stored inside the backed-up database (a keychain wrapping: opens only on the computer that made it).
 * Read from a private temporary copy, never beside the backup (its folder may be read-only or shared); the copy is
 * read only for this key, and the HMAC is checked once the key opens.
 */
function readEmbeddedKey(backup: OpenedBackup): WrappedKey | null {
  const dir = mkdtempSync(join(tmpdir(), 'resellerdesk-read-'))
  try {
    extractDatabase(backup, join(dir, DB_FILE))
    const db = new Database(join(dir, DB_FILE), { readonly: true })
    try {
      const r = db.prepare('SELECT wrapped_key FROM vault_meta WHERE id = 1').get() as { wrapped_key: string } | undefined
      return r ? (JSON.parse(r.wrapped_key) as WrappedKey) : null
    } finally {
      db.close()
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    return null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Where the current data goes (`<dir>-before-restore-<time>`); null when there is nothing there to keep. */
function asideName(dataDir: string, at: Date): string | null {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return null
  const aside = `${dataDir}-before-restore-${at.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`
  let target = aside
  for (let i = 2; existsSync(target); i++) target = `${aside}-${i}`
  return target
}
