// The backup file: one file a person can copy anywhere.
//
//   "RESELLERDESK-BACKUP\n" (20 bytes) ‖ u32 BE header length ‖ header (JSON) ‖ SQLite database
//     ‖ HMAC-SHA-256 of all before, under a subkey of the data key ‖ SHA-256 of all before (the HMAC included)
//
// The magic line tells a foreign file from ours; the trailing checksum tells a damaged one (truncated by a full USB
// stick, garbled by a sync tool) before any key is asked for. The checksum only catches accidents: anyone can
// recompute it. The HMAC, checked once the data key is unwrapped and before anything is written, catches a file
// altered on purpose (an account's address pointed at another host, the audit log emptied): only someone who can
// unlock the vault can make one that restores. The header carries the wrapped data keys the file can be opened with;
// the database inside holds codes and API keys only sealed. Nothing in it is a plain secret.
//
// Format 1 (the first, unreleased version of this code) had no HMAC. Nothing shipped with it, so it is refused with a
// message rather than read: accepting unauthenticated files would reopen the hole the HMAC closes.
import { createHash, timingSafeEqual, type Hmac } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { AppError } from '../errors'
import type { WrappedKey } from '../vault/types'
import type { RecoveryWrapping } from '../vault/recovery-key'

export const BACKUP_EXTENSION = '.rdbackup'
const MAGIC = Buffer.from('RESELLERDESK-BACKUP\n', 'ascii')
const FORMAT_VERSION = 2
const HASH_BYTES = 32
const MAC_BYTES = 32
/** A header is a few kilobytes; anything larger is not ours (and must not make us allocate gigabytes). */
const MAX_HEADER_BYTES = 1 << 20
const CHUNK = 1 << 20

export type BackupReason = 'manual' | 'daily' | 'pre-migration'

export interface BackupHeader {
  format: typeof FORMAT_VERSION
  createdAt: string
  reason: BackupReason
  /** Schema version of the database inside (a newer app migrates it on restore). */
  schemaVersion: number
  /** Same for every backup of one vault (derived from its data key, reveals nothing): names and prunes the series. */
  vaultTag: string
  dbBytes: number
  /** The data key as wrapped for use on any computer. A keychain wrapping is left out: it opens only where it was made. */
  keys: { passphrase?: WrappedKey; recovery?: RecoveryWrapping }
  counts: { codes: number; orders: number; accounts: number }
}

/**
 * Writes the backup beside `target` under a temporary name, flushes it, then moves it into place: a backup
 * interrupted at any point (killed, power cut, disk full) leaves no half file under a backup's name, and the
 * previous backups untouched. Temporary files start with ".rdbackup-" so a later run can tidy them. An existing
 * file at `target` is never replaced. `mac` is the vault's backup HMAC (OpenVault.backupMac()).
 */
export function writeBackupFile(target: string, header: Omit<BackupHeader, 'format' | 'dbBytes'>, snapshotPath: string, mac: Hmac): void {
  const dbBytes = statSync(snapshotPath).size
  const full: BackupHeader = { format: FORMAT_VERSION, ...header, dbBytes }
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(headerBytes.length)
  const temp = join(dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}.partial`)
  const hash = createHash('sha256')
  let fd: number | null = null
  try {
    fd = openSync(temp, 'wx', 0o600)
    for (const part of [MAGIC, len, headerBytes]) {
      hash.update(part)
      mac.update(part)
      writeAll(fd, part)
    }
    const src = openSync(snapshotPath, 'r')
    try {
      const buf = Buffer.allocUnsafe(CHUNK)
      for (;;) {
        const n = readSync(src, buf, 0, CHUNK, null)
        if (n === 0) break
        const chunk = buf.subarray(0, n)
        hash.update(chunk)
        mac.update(chunk)
        writeAll(fd, chunk)
      }
    } finally {
      closeSync(src)
    }
    const tag = mac.digest()
    hash.update(tag)
    writeAll(fd, tag)
    writeAll(fd, hash.digest())
    fsyncSync(fd)
    closeSync(fd)
    fd = null
    moveIntoPlace(temp, target)
    fsyncDir(dirname(target))
  } catch (cause) {
    if (fd !== null) closeSync(fd)
    rmSync(temp, { force: true })
    if (cause instanceof AppError) throw cause
    throw new AppError('FILE_WRITE_FAILED', `The backup could not be written to ${dirname(target)} (${describeFsError(cause)}). The earlier backups are untouched.`, { cause })
  }
}

export const TEMP_PREFIX = '.rdbackup-'

/**
 * temp → target without ever replacing a file already at target (renameSync would, silently): a hard link fails
 * on an existing name. Drives without hard links (FAT/exFAT USB sticks) get a look first, then the rename.
 */
function moveIntoPlace(temp: string, target: string): void {
  try {
    linkSync(temp, target)
    unlinkSync(temp)
    return
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (code === 'EEXIST') throw alreadyThere(target)
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e
  }
  if (existsSync(target)) throw alreadyThere(target)
  renameSync(temp, target)
}

function alreadyThere(target: string): AppError {
  return new AppError('CONFLICT', `A file named ${basename(target)} is already in ${dirname(target)}; the backup never replaces a file. Choose another name. Nothing was changed.`)
}

export interface OpenedBackup {
  header: BackupHeader
  /** Where the database starts in the file (its length is header.dbBytes; the HMAC follows it). */
  dbOffset: number
  file: string
}

/**
 * Reads and verifies a backup file: ours (magic), whole (checksum), and readable (header). Throws a BACKUP_INVALID
 * AppError naming the file and what is wrong; reads only, never changes anything.
 */
export function openBackupFile(file: string): OpenedBackup {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (cause) {
    throw new AppError('NOT_FOUND', `The backup file ${file} could not be opened (${describeFsError(cause)}).`, { cause })
  }
  try {
    const size = statSync(file).size
    const head = Buffer.alloc(MAGIC.length + 4)
    const got = readSync(fd, head, 0, head.length, 0)
    if (got < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw notABackup(file)
    const headerLen = head.readUInt32BE(MAGIC.length)
    const dbOffset = MAGIC.length + 4 + headerLen
    if (headerLen > MAX_HEADER_BYTES || dbOffset + MAC_BYTES + HASH_BYTES > size) throw damaged(file)

    // Checksum first: nothing in a damaged file is trusted, the header included.
    const hash = createHash('sha256')
    const buf = Buffer.allocUnsafe(CHUNK)
    let pos = 0
    const end = size - HASH_BYTES
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, end - pos), pos)
      if (n === 0) throw damaged(file)
      hash.update(buf.subarray(0, n))
      pos += n
    }
    const stored = Buffer.alloc(HASH_BYTES)
    readSync(fd, stored, 0, HASH_BYTES, end)
    if (!hash.digest().equals(stored)) throw damaged(file)

    const headerBytes = Buffer.alloc(headerLen)
    readSync(fd, headerBytes, 0, headerLen, MAGIC.length + 4)
    let header: BackupHeader
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as BackupHeader
    } catch {
      throw damaged(file)
    }
    if ((header.format as number) === 1) {
      throw new AppError('UNSUPPORTED', `The backup ${basename(file)} was made by a test version of ResellerDesk whose backups cannot be checked for tampering, so it is not restored. Make a new backup. Nothing was changed.`)
    }
    if (header.format !== FORMAT_VERSION) {
      throw new AppError('UNSUPPORTED', `The backup ${basename(file)} was made by a newer ResellerDesk (format ${String(header.format)}). Update ResellerDesk to restore it.`)
    }
    if (header.dbBytes !== end - MAC_BYTES - dbOffset) throw damaged(file)
    return { header, dbOffset, file }
  } finally {
    closeSync(fd)
  }
}

/**
 * Checks the backup's HMAC with the vault's backup key (from the unwrapped data key). Throws BACKUP_INVALID "altered"
 * when it does not match: the file's checksum was fine, so someone changed it and recomputed the checksum.
 */
export function verifyBackupMac(backup: OpenedBackup, mac: Hmac): void {
  const fd = openSync(backup.file, 'r')
  try {
    const end = backup.dbOffset + backup.header.dbBytes
    const buf = Buffer.allocUnsafe(CHUNK)
    let pos = 0
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, end - pos), pos)
      if (n === 0) throw damaged(backup.file)
      mac.update(buf.subarray(0, n))
      pos += n
    }
    const stored = Buffer.alloc(MAC_BYTES)
    if (readSync(fd, stored, 0, MAC_BYTES, end) !== MAC_BYTES) throw damaged(backup.file)
    if (!timingSafeEqual(mac.digest(), stored)) throw altered(backup.file)
  } finally {
    closeSync(fd)
  }
}

function altered(file: string): AppError {
  return new AppError(
    'BACKUP_INVALID',
    `The backup ${basename(file)} was altered after it was made (it was not made by this vault, or someone changed its contents). It is not restored: restoring it could send your API keys somewhere else. Nothing was changed. Use another backup, and keep backups where only you can change them.`
  )
}

/** Copies the database out of a verified backup into `target` (a new file). */
export function extractDatabase(backup: OpenedBackup, target: string): void {
  const src = openSync(backup.file, 'r')
  const dst = openSync(target, 'wx', 0o600)
  try {
    const buf = Buffer.allocUnsafe(CHUNK)
    let pos = backup.dbOffset
    const end = backup.dbOffset + backup.header.dbBytes
    while (pos < end) {
      const n = readSync(src, buf, 0, Math.min(CHUNK, end - pos), pos)
      if (n === 0) throw damaged(backup.file) // the file shrank after it was verified
      writeAll(dst, buf.subarray(0, n))
      pos += n
    }
    fsyncSync(dst)
  } finally {
    closeSync(src)
    closeSync(dst)
  }
}

function notABackup(file: string): AppError {
  return new AppError('BACKUP_INVALID', `${basename(file)} is not a ResellerDesk backup. Choose a file ending in ${BACKUP_EXTENSION} made by "Back up now" or an automatic backup. Nothing was changed.`)
}

function damaged(file: string): AppError {
  return new AppError(
    'BACKUP_INVALID',
    `The backup ${basename(file)} is damaged (it is incomplete or was altered, so its checksum does not match). Nothing was changed. Try an older backup.`
  )
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
}

/** So the rename itself survives a power cut (a no-op where directories cannot be opened, e.g. Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | null = null
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // best effort
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown })?.code
  if (code === 'ENOSPC') return 'the drive is full'
  if (code === 'EACCES' || code === 'EPERM') return 'ResellerDesk may not write there'
  if (code === 'ENOENT') return 'the folder does not exist or the drive is not connected'
  if (code === 'EROFS') return 'the drive is read-only'
  return e instanceof Error ? e.message : String(e)
}
