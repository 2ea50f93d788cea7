// Making one backup: snapshot → check → package into the file format → into place; and for the automatic series,
// tidy the folder afterwards. Every step before the final rename works on temporary files, so a backup that fails
// or is killed leaves the earlier ones exactly as they were.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import { describeFsError, TEMP_PREFIX, writeBackupFile, type BackupReason } from './backup-file'
import { backupFileName, seriesFiles, toPrune } from './retention'
import { inspectSnapshot, snapshotTo, snapshotToSync } from './snapshot'

export interface BackupMade {
  file: string
  at: string
  bytes: number
  counts: { codes: number; orders: number; accounts: number }
  /** Older backups of the series removed by the rotation (names only). */
  pruned: string[]
}

export interface BackupTarget {
  vaultTag: string
  reason: BackupReason
  at: Date
  /** Exactly this file (`backup create --to FILE`): outside the rotation, never pruned. */
  file?: string
  /** Or into this folder under the series' name, then prune the series. */
  folder?: string
}

/** A temp file left by a backup killed more than this long ago is removed; a younger one may be a backup in progress. */
const STALE_TEMP_MS = 60 * 60 * 1000

export async function createBackup(db: Db, target: BackupTarget): Promise<BackupMade> {
  const { dir, file } = resolveTarget(target)
  const snapshot = join(dir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}.snapshot`)
  try {
    await snapshotTo(db, snapshot)
    return finish(target, dir, file, snapshot)
  } catch (e) {
    throw asBackupError(e, dir)
  } finally {
    rmSync(snapshot, { force: true })
  }
}

/** Same, synchronously (before a migration, inside the database's open). */
export function createBackupSync(db: Db, target: BackupTarget): BackupMade {
  const { dir, file } = resolveTarget(target)
  const snapshot = join(dir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}.snapshot`)
  try {
    snapshotToSync(db, snapshot)
    return finish(target, dir, file, snapshot)
  } catch (e) {
    throw asBackupError(e, dir)
  } finally {
    rmSync(snapshot, { force: true })
  }
}

function resolveTarget(target: BackupTarget): { dir: string; file: string } {
  if (target.file) return { dir: dirname(target.file), file: target.file }
  if (!target.folder) throw new AppError('INTERNAL', 'No place was given for the backup.')
  try {
    mkdirSync(target.folder, { recursive: true, mode: 0o700 })
  } catch (cause) {
    throw new AppError('FILE_WRITE_FAILED', `The backup folder ${target.folder} cannot be used (${describeFsError(cause)}). Choose another folder in Settings → Backups.`, { cause })
  }
  return { dir: target.folder, file: join(target.folder, backupFileName(target.vaultTag, target.at, target.reason === 'pre-migration')) }
}

function finish(target: BackupTarget, dir: string, file: string, snapshot: string): BackupMade {
  const facts = inspectSnapshot(snapshot, { portableOnly: target.reason !== 'pre-migration' })
  const at = target.at.toISOString()
  writeBackupFile(file, { createdAt: at, reason: target.reason, schemaVersion: facts.schemaVersion, vaultTag: target.vaultTag, keys: facts.keys, counts: facts.counts }, snapshot)
  const bytes = statSync(file).size
  const pruned = target.file ? [] : prune(dir, target.vaultTag, target.at)
  return { file, at, bytes, counts: facts.counts, pruned }
}

/** Applies the rotation to this vault's series, and removes our own temp files left by killed backups. */
function prune(dir: string, vaultTag: string, now: Date): string[] {
  const names = readdirSync(dir)
  const gone: string[] = []
  for (const name of toPrune(seriesFiles(vaultTag, names))) {
    rmSync(join(dir, name), { force: true })
    gone.push(name)
  }
  for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
    try {
      if (now.getTime() - statSync(join(dir, name)).mtimeMs > STALE_TEMP_MS) rmSync(join(dir, name), { force: true })
    } catch {
      // gone already (another process tidied it)
    }
  }
  return gone
}

function asBackupError(e: unknown, dir: string): unknown {
  if (e instanceof AppError) return e
  return new AppError('FILE_WRITE_FAILED', `The backup could not be made in ${dir} (${describeFsError(e)}). The earlier backups are untouched.`, { cause: e })
}
