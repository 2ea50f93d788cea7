// Making one backup: snapshot → check → package into the file format → into place; and for the automatic series,
// tidy the folder afterwards. Every step before the final rename works on temporary files, so a backup that fails
// or is killed leaves the earlier ones exactly as they were.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { randomBytes, type Hmac } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
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
  /** Older backups of the series removed by the rotation (full paths). */
  pruned: string[]
  /** Set when the rotation was skipped because this computer's clock looks wrong: say it to the person. */
  pruneSkipped: string | null
}

export interface BackupTarget {
  vaultTag: string
  reason: BackupReason
  at: Date
  /** Exactly this file (`backup create --to FILE`): outside the rotation, never pruned. */
  file?: string
  /** Or into this folder under the series' name, then prune the series. */
  folder?: string
  /** Only the data folder's own backups folder may be made; a chosen one (a USB drive) must already be there. */
  mayCreateFolder?: boolean
  /**
   * Full paths of the backups this data folder wrote (backup-state.json): the only files the rotation may delete.
   * Two computers writing into one shared folder never delete each other's backups, even with the same series tag.
   */
  owned?: ReadonlySet<string>
  /** The vault's backup HMAC (OpenVault.backupMac, or from the data key before a migration). */
  mac: () => Hmac
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
  if (!target.mayCreateFolder) {
    // Making it would quietly put the backups on this PC's own disk (an unplugged USB drive's mount point), where they
    // are lost with the PC.
    if (!existsSync(target.folder)) {
      throw new AppError('FILE_WRITE_FAILED', `The backup drive or folder is not connected: ${target.folder} is not there. Connect the drive (or choose another folder in Settings → Backups) and back up again. The earlier backups are untouched.`)
    }
    return { dir: target.folder, file: join(target.folder, backupFileName(target.vaultTag, target.at, target.reason === 'pre-migration')) }
  }
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
  writeBackupFile(file, { createdAt: at, reason: target.reason, schemaVersion: facts.schemaVersion, vaultTag: target.vaultTag, keys: facts.keys, counts: facts.counts }, snapshot, target.mac())
  const bytes = statSync(file).size
  const { pruned, skipped } = target.file ? { pruned: [], skipped: null } : prune(dir, file, target)
  return { file, at, bytes, counts: facts.counts, pruned, pruneSkipped: skipped }
}

/**
 * Applies the rotation to this vault's series, and removes our own temp files left by killed backups. Never
 * deletes the file just made, nor a file this data folder did not write. When the file just made is not the
 * newest of the series, this PC's clock is behind (or another PC's is ahead): the rotation would then judge the
 * new file the oldest and delete it, or delete good backups by a wrong date, so nothing is deleted and the person
 * is told.
 */
function prune(dir: string, justMade: string, target: BackupTarget): { pruned: string[]; skipped: string | null } {
  const names = readdirSync(dir)
  const gone: string[] = []
  const series = seriesFiles(target.vaultTag, names)
  const newest = series[0]
  let skipped: string | null = null
  if (newest && newest.name !== basename(justMade)) {
    skipped =
      `The backup was made, but this computer's date and time (${stamp(target.at)}) are earlier than those of the newest backup in ${dir} (${stamp(newest.at)}), ` +
      'so no older backups were removed. Check the date and time of this computer.'
  } else {
    const owned = target.owned ?? new Set<string>()
    const mine = series.filter((f) => f.name === basename(justMade) || owned.has(join(dir, f.name)))
    for (const name of toPrune(mine)) {
      if (name === basename(justMade)) continue
      rmSync(join(dir, name), { force: true })
      gone.push(join(dir, name))
    }
  }
  const now = target.at
  for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
    try {
      if (now.getTime() - statSync(join(dir, name)).mtimeMs > STALE_TEMP_MS) rmSync(join(dir, name), { force: true })
    } catch {
      // gone already (another process tidied it)
    }
  }
  return { pruned: gone, skipped }
}

function stamp(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
}

function asBackupError(e: unknown, dir: string): unknown {
  if (e instanceof AppError) return e
  return new AppError('FILE_WRITE_FAILED', `The backup could not be made in ${dir} (${describeFsError(e)}). The earlier backups are untouched.`, { cause: e })
}
