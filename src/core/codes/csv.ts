// CSV files people open in Excel: UTF-8 (optionally with a BOM so Excel detects it), safe against formula
// injection, and written atomically — a temp file next to the target, flushed, then renamed — so an export that
// is interrupted leaves either the old file or the whole new one, never half a file. A process killed mid-write
// leaves its temp file behind: CodeService records each export (with the temp name) before writing, and the next
// start removes that file (see CodeService.recoverExports).
import { stringify } from 'csv-stringify/sync'
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
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
  /** The temp file to write (see exportTempPath); default a fresh random name next to the target. */
  tempPath?: string
  /** Called with the file's sha256 once it is complete and on disk, just before it is renamed into place. */
  onWritten?: (digest: string) => void
}

/** Our temp file for an export: hidden, next to the target (so the rename is atomic), named by the export's token. */
export function exportTempPath(target: string, token: string): string {
  return join(dirname(target), `.${basename(target)}.${token}.tmp`)
}

/** Whether `tempPath` has the shape exportTempPath gives for this target: cleanup never touches any other file. */
export function isOurTempName(target: string, tempPath: string): boolean {
  const dir = dirname(target)
  const name = basename(tempPath)
  return dirname(tempPath) === dir && name.startsWith(`.${basename(target)}.`) && /\.[0-9a-f]{12,64}\.tmp$/.test(name)
}

/** sha256 of a file, or null when it is not there. */
export function fileDigest(path: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex')
  } catch {
    return null
  }
}

export function writeCsvAtomic(path: string, header: readonly string[], rows: Iterable<readonly string[]>, opts: CsvWriteOptions): number {
  const tmp = opts.tempPath ?? exportTempPath(path, randomBytes(6).toString('hex'))
  let fd: number | null = null
  let count = 0
  const hash = createHash('sha256')
  try {
    fd = openSync(tmp, 'wx', 0o600)
    const write = (text: string): void => {
      const bytes = Buffer.from(text, 'utf8')
      hash.update(bytes)
      writeSync(fd!, bytes)
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
    opts.onWritten?.(hash.digest('hex'))
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
