// Which automatic backups stay: 7 daily and 4 weekly, the last 2 from before a migration, and never a file that
// is not this vault's backup.
import { describe, expect, it } from 'vitest'
import { backupFileName, isoWeek, seriesFiles, toPrune } from '../../src/core/backup/retention'

const TAG = 'a1b2c3d4'
const day = (iso: string, hour = 3) => new Date(`${iso}T${String(hour).padStart(2, '0')}:00:00.000Z`)

describe('backup rotation', () => {
  it('after 60 days of daily backups (two a day) keeps the newest of the last 7 days and of the last 4 weeks', () => {
    const names: string[] = []
    for (let i = 0; i < 60; i++) {
      const d = new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10) // 2026-10-01 … 2026-11-29
      names.push(backupFileName(TAG, day(d, 3), false), backupFileName(TAG, day(d, 15), false))
    }
    const series = seriesFiles(TAG, names)
    const kept = series.filter((f) => !toPrune(series).includes(f.name))
    const keptDays = kept.map((f) => f.at.toISOString().slice(0, 13))
    // The last 7 days, each by its newest (15:00) backup…
    expect(keptDays.slice(0, 7)).toEqual(['2026-11-29T15', '2026-11-28T15', '2026-11-27T15', '2026-11-26T15', '2026-11-25T15', '2026-11-24T15', '2026-11-23T15'])
    // …and 4 weeks each by its newest backup (2026-11-29 is a Sunday, the last day of week 48).
    const weeks = new Set(kept.map((f) => isoWeek(f.at)))
    expect([...weeks]).toEqual(['2026-W48', '2026-W47', '2026-W46', '2026-W45'])
    // The 7 days are all of week 48 (Mon 23 – Sun 29), so weeks 47, 46 and 45 each add their newest.
    expect(kept.map((f) => f.at.toISOString().slice(0, 13)).slice(7)).toEqual(['2026-11-22T15', '2026-11-15T15', '2026-11-08T15'])
    expect(kept).toHaveLength(10)
  })

  it('keeps the last 2 backups made before a migration outside the rotation', () => {
    const names = [
      backupFileName(TAG, day('2026-01-01'), true),
      backupFileName(TAG, day('2026-03-01'), true),
      backupFileName(TAG, day('2026-06-01'), true),
      backupFileName(TAG, day('2026-12-01'), false)
    ]
    expect(toPrune(seriesFiles(TAG, names))).toEqual([names[0]])
  })

  it('ignores other vaults’ backups, half-written temp files and anything else in the folder', () => {
    const other = backupFileName('ffffffff', day('2020-01-01'), false)
    const mine = backupFileName(TAG, day('2026-12-01'), false)
    const series = seriesFiles(TAG, [other, mine, '.rdbackup-0a1b2c.partial', 'holiday.jpg', `${mine}.txt`])
    expect(series.map((f) => f.name)).toEqual([mine])
  })
})
