// CSV files people open in Excel: UTF-8 (optionally with a BOM so Excel detects it), safe against formula
// injection, and written atomically — a temp file next to the target, flushed, then renamed — so an export that
// is interrupted leaves either the old file or the whole new one, never half a file.
import { stringify } from 'csv-stringify/sync'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { AppError } from '../errors'

/**
 * A cell starting with = + - @ tab or CR is read as a formula by spreadsheets (CSV injection). Prefixing a single
 * quote makes it text, as OWASP recommends; the visible value keeps its characters.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

const BOM = '\uFEFF'
const CHUNK_ROWS = 2_000

export interface CsvWriteOptions {
  bom: boolean
  /** Test hook: called after each chunk is written (lets a test interrupt an export half-way). */
  onChunk?: (rowsWritten: number) => void
}

export function writeCsvAtomic(path: string, header: readonly string[], rows: Iterable<readonly string[]>, opts: CsvWriteOptions): number {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let fd: number | null = null
  let count = 0
  try {
    fd = openSync(tmp, 'wx', 0o600)
    const write = (text: string): void => {
      writeSync(fd!, text)
    }
    write((opts.bom ? BOM : '') + stringify([header.map(neutralizeFormula)], { record_delimiter: 'windows' }))
    let batch: string[][] = []
    const flush = (): void => {
      if (batch.length === 0) return
      write(stringify(batch, { record_delimiter: 'windows' }))
      count += batch.length
      batch = []
      opts.onChunk?.(count)
    }
    for (const row of rows) {
      batch.push(row.map(neutralizeFormula))
      if (batch.length >= CHUNK_ROWS) flush()
    }
    flush()
    fsyncSync(fd)
    closeSync(fd)
    fd = null
    renameSync(tmp, path)
    return count
  } catch (e) {
    if (fd !== null) closeSync(fd)
    rmSync(tmp, { force: true })
    if (e instanceof AppError) throw e
    const reason = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'unknown error'
    throw new AppError('FILE_WRITE_FAILED', `The file could not be written (${reason}). Nothing was exported or marked; check the folder and try again.`, { cause: e })
  }
}
