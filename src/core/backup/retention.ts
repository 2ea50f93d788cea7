// Which backups in the folder to keep: the newest of each of the last 7 days that have a backup, the newest of each
// of the last 4 weeks that have one, and the last 2 taken before a migration (the way back from an upgrade, outside
// the rotation). Days and weeks are UTC: the same files are kept whatever the PC's time zone. Only files of this
// vault's series are ever considered; anything else in the folder is not ours and never touched.
import { BACKUP_EXTENSION } from './backup-file'

export const KEEP_DAILY = 7
export const KEEP_WEEKLY = 4
export const KEEP_PRE_MIGRATION = 2

export interface SeriesFile {
  name: string
  at: Date
  preMigration: boolean
}

export function backupFileName(vaultTag: string, at: Date, preMigration: boolean): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '-') // 20261204T172500-123Z
  return `resellerdesk-${vaultTag}-${stamp}${preMigration ? '-premigration' : ''}${BACKUP_EXTENSION}`
}

/** The files of this vault's series among `names` (other files, other vaults' backups: ignored). */
export function seriesFiles(vaultTag: string, names: readonly string[]): SeriesFile[] {
  const re = new RegExp(`^resellerdesk-${vaultTag}-(\\d{8})T(\\d{6})-(\\d{3})Z(-premigration)?\\${BACKUP_EXTENSION}$`)
  const out: SeriesFile[] = []
  for (const name of names) {
    const m = re.exec(name)
    if (!m) continue
    const [d, t, ms] = [m[1]!, m[2]!, m[3]!]
    const at = new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.${ms}Z`)
    if (!Number.isNaN(at.getTime())) out.push({ name, at, preMigration: m[4] !== undefined })
  }
  return out.sort((a, b) => b.at.getTime() - a.at.getTime())
}

/** The names to delete, given the series (newest first or not). */
export function toPrune(files: readonly SeriesFile[]): string[] {
  const newestFirst = [...files].sort((a, b) => b.at.getTime() - a.at.getTime())
  const keep = new Set<string>()
  const regular = newestFirst.filter((f) => !f.preMigration)
  for (const [bucketOf, count] of [
    [(d: Date) => d.toISOString().slice(0, 10), KEEP_DAILY],
    [isoWeek, KEEP_WEEKLY]
  ] as const) {
    const seen = new Set<string>()
    for (const f of regular) {
      const bucket = bucketOf(f.at)
      if (seen.has(bucket)) continue
      if (seen.size >= count) break
      seen.add(bucket)
      keep.add(f.name) // newest first, so the first file of a bucket is its newest
    }
  }
  newestFirst.filter((f) => f.preMigration).slice(0, KEEP_PRE_MIGRATION).forEach((f) => keep.add(f.name))
  return newestFirst.filter((f) => !keep.has(f.name)).map((f) => f.name)
}

/** ISO-8601 week ("2026-W49"), UTC. */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const day = t.getUTCDay() || 7
  t.setUTCDate(t.getUTCDate() + 4 - day) // the Thursday of this week decides its year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7)
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}
