// Who did what to which code or order, and when. Details never hold a code or a key.
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

  append(e: AuditEntry): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES (@at, @actor, @action, @subjectType, @subjectId, @detail)')
      .run({ ...e, detail: JSON.stringify(e.detail) })
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
