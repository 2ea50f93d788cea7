// The newest backup of a data folder's vault, found without opening its database (which may be the thing that is
// damaged): from the folder state's series tag, in the chosen folder and the data folder's own one.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { backupFolderOf, defaultBackupFolder, readFolderState } from './folder-state'
import { seriesFiles } from './retention'

export function latestBackup(dataDir: string): { file: string; at: Date } | null {
  const state = readFolderState(dataDir)
  if (!state) return null
  const found: { file: string; at: Date }[] = []
  for (const dir of new Set([backupFolderOf(dataDir, state), defaultBackupFolder(dataDir)])) {
    if (!existsSync(dir)) continue
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      continue // a folder on a drive that is not connected
    }
    for (const f of seriesFiles(state.vaultTag, names)) found.push({ file: join(dir, f.name), at: f.at })
  }
  // A backup made with --to elsewhere is not in the series, but the state remembers the last one.
  if (state.last && existsSync(state.last.file)) found.push({ file: state.last.file, at: new Date(state.last.at) })
  found.sort((a, b) => b.at.getTime() - a.at.getTime())
  return found[0] ?? null
}

/** The sentence that tells a person the way out of a damaged or missing database. */
export function restoreAdvice(dataDir: string): string {
  const latest = latestBackup(dataDir)
  if (!latest) {
    return 'No backup of it was found. If you have a backup file (…' + '.rdbackup) elsewhere, restore it: in the app, Settings → Backups → Restore; on the command line, `resellerdesk backup restore FILE`.'
  }
  return (
    `Restore the latest backup, ${latest.file} (made ${latest.at.toISOString().slice(0, 16).replace('T', ' ')} UTC): ` +
    `in the app, Settings → Backups → Restore; on the command line, \`resellerdesk backup restore "${latest.file}"\`. ` +
    'The damaged data is moved aside, not deleted.'
  )
}
