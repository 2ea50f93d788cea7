// The audit slice's part of the contract: the log itself is written by every slice through the storage layer.
import type { auditChannels } from '../../shared/contract'
import type { AuditRepo } from '../db/audit-repo'
import type { HandlersOf } from '../handler-types'

export type AuditChannel = keyof typeof auditChannels

export function auditHandlers(audit: Pick<AuditRepo, 'list'>): HandlersOf<AuditChannel> {
  return {
    'audit.list': async (i) => audit.list(i)
  }
}
