// The export journal (migration 9): an export is recorded before its file is written, so a process killed
// half-way leaves enough behind for the next start to remove its plaintext temp file or to finish marking codes
// whose file landed.
import type { Db } from './open'

export type ExportState = 'writing' | 'written' | 'done' | 'abandoned' | 'uncertain'

export interface ExportRecord {
  id: string
  targetPath: string
  /** The exact temp file this export writes; cleanup removes this name and nothing else. */
  tempPath: string
  codeIds: string[]
  markExported: boolean
  /** What the audit entry says about the export (count, columns, filter). */
  detail: Record<string, unknown>
  actor: string
  /** The process writing it: a start-up cleanup leaves alone an export whose process still runs. */
  pid: number
  state: ExportState
  /** sha256 of the complete file, known before it is renamed into place. */
  digest: string | null
  createdAt: string
  finishedAt: string | null
}

type Row = {
  id: string
  target_path: string
  temp_path: string
  code_ids: string
  mark_exported: number
  detail: string
  actor: string
  pid: number
  state: ExportState
  digest: string | null
  created_at: string
  finished_at: string | null
}

function fromRow(r: Row): ExportRecord {
  return {
    id: r.id,
    targetPath: r.target_path,
    tempPath: r.temp_path,
    codeIds: JSON.parse(r.code_ids) as string[],
    markExported: r.mark_exported === 1,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    actor: r.actor,
    pid: r.pid,
    state: r.state,
    digest: r.digest,
    createdAt: r.created_at,
    finishedAt: r.finished_at
  }
}

export class ExportsRepo {
  constructor(private readonly db: Db) {}

  insert(e: Omit<ExportRecord, 'state' | 'digest' | 'finishedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO exports (id, target_path, temp_path, code_ids, mark_exported, detail, actor, pid, state, created_at)
         VALUES (@id, @targetPath, @tempPath, @codeIds, @markExported, @detail, @actor, @pid, 'writing', @createdAt)`
      )
      .run({ ...e, codeIds: JSON.stringify(e.codeIds), markExported: e.markExported ? 1 : 0, detail: JSON.stringify(e.detail) })
  }

  /** The file is complete and on disk under its temp name; the rename comes next. */
  written(id: string, digest: string): void {
    this.db.prepare(`UPDATE exports SET state = 'written', digest = ? WHERE id = ? AND state = 'writing'`).run(digest, id)
  }

  finish(id: string, state: 'done' | 'abandoned' | 'uncertain', at: string): void {
    this.db.prepare(`UPDATE exports SET state = ?, finished_at = ? WHERE id = ? AND state IN ('writing', 'written')`).run(state, at, id)
  }

  get(id: string): ExportRecord | null {
    const r = this.db.prepare('SELECT * FROM exports WHERE id = ?').get(id) as Row | undefined
    return r ? fromRow(r) : null
  }

  unfinished(): ExportRecord[] {
    return (this.db.prepare(`SELECT * FROM exports WHERE state IN ('writing', 'written') ORDER BY created_at`).all() as Row[]).map(fromRow)
  }
}
