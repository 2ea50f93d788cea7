// A small JSON file in the data folder, beside the database and outside it on purpose: it must still be readable
// when the database is damaged or gone, to say "this folder held a vault" (so an empty vault is never silently made
// in its place) and where its backups are. It holds no secret: a folder path, times, file names and a random tag.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fsyncDir } from './backup-file'

export const FOLDER_STATE_FILE = 'backup-state.json'

export interface FolderState {
  v: 1
  /**
   * Random, made for each data folder (and anew at every restore, so two PCs restored from one backup are two
   * series): names its backup files, so a shared folder holds several series.
   */
  vaultTag: string
  /** When a vault was first seen in this folder; set means "a database missing here is a loss, not a fresh start". */
  vaultSince: string | null
  /** The folder the person chose for automatic backups; null → the data folder's own "backups" folder. */
  folder: string | null
  last: { at: string; file: string } | null
  lastError: { at: string; message: string } | null
  /** Full paths of the rotated backups this data folder wrote and has not pruned: the only files it ever deletes. */
  written: string[]
}

export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, 'backups')
}

export function backupFolderOf(dataDir: string, state: FolderState | null): string {
  return state?.folder ?? defaultBackupFolder(dataDir)
}

/** null when there is no state file. An unreadable one counts as "a vault was here" (the safe reading). */
export function readFolderState(dataDir: string): FolderState | null {
  const file = join(dataDir, FOLDER_STATE_FILE)
  if (!existsSync(file)) return null
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<FolderState>
    return {
      v: 1,
      vaultTag: typeof s.vaultTag === 'string' && /^[0-9a-f]{8,32}$/.test(s.vaultTag) ? s.vaultTag : newVaultTag(),
      vaultSince: typeof s.vaultSince === 'string' ? s.vaultSince : null,
      folder: typeof s.folder === 'string' && s.folder.length > 0 ? s.folder : null,
      last: s.last && typeof s.last.at === 'string' && typeof s.last.file === 'string' ? { at: s.last.at, file: s.last.file } : null,
      lastError: s.lastError && typeof s.lastError.at === 'string' ? { at: s.lastError.at, message: String(s.lastError.message) } : null,
      written: Array.isArray(s.written) ? s.written.filter((x): x is string => typeof x === 'string') : []
    }
  } catch {
    return { v: 1, vaultTag: newVaultTag(), vaultSince: new Date(0).toISOString(), folder: null, last: null, lastError: null, written: [] }
  }
}

export function newFolderState(): FolderState {
  return { v: 1, vaultTag: newVaultTag(), vaultSince: null, folder: null, last: null, lastError: null, written: [] }
}

/**
 * Chooses where automatic backups go (null: the data folder's own). Only writes backup-state.json, never opens the
 * database: it works when the database cannot be opened (a pre-migration backup that failed for want of a folder).
 */
export function setBackupFolder(dataDir: string, folder: string | null): FolderState {
  return updateFolderState(dataDir, (s) => ({ ...s, folder: folder === defaultBackupFolder(dataDir) ? null : folder }))
}

/** The state after a rotated backup: the new file recorded as ours, the pruned ones forgotten. */
export function recordWritten(s: FolderState, made: { file: string; pruned: readonly string[] }): FolderState {
  const gone = new Set(made.pruned)
  return { ...s, written: [...s.written.filter((f) => !gone.has(f) && f !== made.file), made.file] }
}

/** Reads, changes and writes the state atomically (temp + rename: a kill never leaves half a file). */
export function updateFolderState(dataDir: string, change: (s: FolderState) => FolderState): FolderState {
  const next = change(readFolderState(dataDir) ?? newFolderState())
  writeFolderState(dataDir, next)
  return next
}

export function writeFolderState(dataDir: string, state: FolderState): void {
  const file = join(dataDir, FOLDER_STATE_FILE)
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(temp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 })
    renameSync(temp, file)
    fsyncDir(dataDir)
  } catch (e) {
    rmSync(temp, { force: true })
    throw e
  }
}

export function newVaultTag(): string {
  return randomBytes(4).toString('hex')
}
