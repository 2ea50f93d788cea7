// A restore swaps two folders with two renames: the current data aside, then the restored copy into place. A crash
// or failure between them must never lose either copy, so a marker beside the data folder names both before the
// first rename, and whatever opens the data folder next finishes or undoes the swap.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { fsyncDir } from './backup-file'
import { dirname } from 'node:path'

export interface SwapMarker {
  dataDir: string
  /** The restored copy, complete, waiting to become the data folder. */
  staging: string
  /** Where the current data goes (null: there was nothing to keep). */
  aside: string | null
  at: string
}

export function markerPath(dataDir: string): string {
  return `${dataDir}.restore-in-progress.json`
}

export function writeSwapMarker(m: SwapMarker): void {
  writeFileSync(markerPath(m.dataDir), JSON.stringify(m, null, 2) + '\n', { mode: 0o600 })
  fsyncDir(dirname(m.dataDir))
}

export function clearSwapMarker(dataDir: string): void {
  rmSync(markerPath(dataDir), { force: true })
}

/**
 * Finishes a swap that was cut off: the restored copy goes into place when the data folder is absent; the old data
 * comes back when the restored copy is gone too. Returns what it did (null: no marker). Deletes nothing but the
 * marker, and the staging copy only when the old data is still in place (the swap had not started).
 */
export function finishInterruptedRestore(dataDir: string): 'finished' | 'undone' | 'cleared' | null {
  const file = markerPath(dataDir)
  if (!existsSync(file)) return null
  let m: SwapMarker
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as SwapMarker
  } catch {
    return null // unreadable: left for a person; both folders are still where they were
  }
  if (existsSync(dataDir)) {
    // Either the swap completed (staging is gone), or it never began (the old data did not move): nothing to move.
    if (existsSync(m.staging) && m.aside !== null && !existsSync(m.aside)) rmSync(m.staging, { recursive: true, force: true })
    clearSwapMarker(dataDir)
    return 'cleared'
  }
  if (existsSync(m.staging)) {
    renameSync(m.staging, dataDir)
    clearSwapMarker(dataDir)
    return 'finished'
  }
  if (m.aside && existsSync(m.aside)) {
    renameSync(m.aside, dataDir)
    clearSwapMarker(dataDir)
    return 'undone'
  }
  return null
}
