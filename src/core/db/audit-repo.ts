// Who did what to which code or order, and when. Details never hold a code or a key.
import type Database from 'better-sqlite3'
import type { Db } from './open'

export interface AuditEntry {
  at: string
  actor: string
  action: string
  subjectType: 'code' | 'order' | 'account' | 'export' | 'vault'
  subjectId: string | null
  detail: Record<string, unknown>
}

type Row = { at: string; actor: string; action: string; subject_type: AuditEntry['subjectType']; subject_id: string | null; detail: string }

export class AuditRepo {
  constructor(private readonly db: Db) {}

  private insert: Database.Statement | null = null

  append(e: AuditEntry): void {
    // Prepared once: an export of 100k codes appends an entry per code.
    this.insert ??= this.db.prepare('INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES (@at, @actor, @action, @subjectType, @subjectId, @detail)')
    this.insert.run({ ...e, detail: JSON.stringify(e.detail) })
  }

  forSubject(subjectType: AuditEntry['subjectType'], subjectId: string): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit_log WHERE subject_type = ? AND subject_id = ? ORDER BY id').all(subjectType, subjectId) as Row[]).map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>
    }))
  }

  /** Newest first, narrowed by subject and/or actor. */
  list(f: { subjectType?: AuditEntry['subjectType'] | undefined; subjectId?: string | undefined; actor?: string | undefined; limit: number }): AuditEntry[] {
    const where: string[] = []
    const params: Record<string, unknown> = { limit: f.limit }
    if (f.subjectType) (where.push('subject_type = @subjectType'), (params.subjectType = f.subjectType))
    if (f.subjectId) (where.push('subject_id = @subjectId'), (params.subjectId = f.subjectId))
    if (f.actor) (where.push('actor = @actor COLLATE NOCASE'), (params.actor = f.actor))
    const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`
    return (this.db.prepare(sql).all(params) as Row[]).map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>
    }))
  }

  recent(limit: number): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>
    }))
  }
}
