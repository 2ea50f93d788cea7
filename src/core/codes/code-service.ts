// The code inventory: listing (masked), revealing one (audited), exporting to CSV (audited, optionally marking the
// rows exported only once the file is safely in place).
import { EXPORT_COLUMNS, type CodeFilter, type CodeMarkInput, type CodeMarkResult, type CodeView, type ExportColumn } from '../../shared/contract'
import type { CodeRecord } from '../db/codes-repo'
import type { Storage } from '../db/storage'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import { exportTempPath, fileDigest, isOurTempName, writeCsvAtomic, type CsvWriteOptions } from './csv'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { OpenVault } from '../vault/types'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type CodeStorage = Pick<Storage, 'accounts' | 'audit' | 'codes' | 'exports' | 'orders' | 'transaction'>

/** "••••••••1234": enough to tell codes apart at the counter, too little to sell. Computed, never stored. */
export function maskCode(code: string): string {
  const visible = code.length > 8 ? 4 : 0
  return '•'.repeat(8) + code.slice(code.length - visible)
}

/** The chosen columns in the standard order, always with the code itself (an export without codes is no export). */
export function exportColumns(chosen?: readonly ExportColumn[]): ExportColumn[] {
  if (!chosen || chosen.length === 0) return [...EXPORT_COLUMNS]
  return EXPORT_COLUMNS.filter((c) => c === 'code' || chosen.includes(c))
}

/** Whether a process with this id runs (on this machine): signal 0 checks without touching it. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to someone else — alive for our purpose.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Why a held code cannot be copied, exported or sold. */
export const HELD_MESSAGE = 'This code is held for review: its order needs a person to check it first (for example a delivery that did not split into separate codes). Resolve the order before copying, exporting or selling it.'

/** Whether the folder can be listed now (a USB stick unplugged, a network share gone: no). */
function folderReachable(dir: string): boolean {
  try {
    readdirSync(dir)
    return true
  } catch {
    return false
  }
}

/** What an export did: rows written, codes it marked exported, codes left out because another export holds them. */
export interface ExportResult {
  count: number
  marked: number
  leftOut: number
}

export class CodeService {
  constructor(
    private readonly storage: CodeStorage,
    private readonly vault: OpenVault,
    private readonly events: EventBus,
    /** Who is acting now (the staff profile chosen at start), for the audit log. */
    private readonly actor: () => string,
    private readonly now: () => Date
  ) {}

  private open(c: CodeRecord): string {
    return this.vault.open(c.sealed, `code:${c.id}`)
  }

  private toView(c: CodeRecord, names: Map<string, string>, titles: Map<string, string>, held: boolean): CodeView {
    return {
      id: c.id,
      orderId: c.orderId,
      accountId: c.accountId,
      accountName: names.get(c.accountId) ?? '',
      productId: c.productId,
      title: titles.get(c.orderId) ?? c.productId,
      masked: maskCode(this.open(c)),
      state: c.state,
      duplicateOf: c.duplicateOf,
      createdAt: c.createdAt,
      exportedAt: c.exportedAt,
      soldAt: c.soldAt,
      voidReason: c.voidReason,
      held
    }
  }

  list(filter: CodeFilter, limit: number): CodeView[] {
    const names = new Map(this.storage.accounts.list().map((a) => [a.id, a.name]))
    const titles = new Map<string, string>()
    const held = new Map<string, boolean>()
    return this.storage.codes.list(filter, limit).map((c) => {
      if (!titles.has(c.orderId)) {
        const o = this.storage.orders.get(c.orderId)
        titles.set(c.orderId, o?.title ?? c.productId)
        held.set(c.orderId, o?.state === 'needs_review')
      }
      return this.toView(c, names, titles, held.get(c.orderId) ?? false)
    })
  }

  reveal(codeId: string): { codeId: string; code: string } {
    const c = this.storage.codes.get(codeId)
    if (!c) throw new AppError('NOT_FOUND', 'That code does not exist.')
    const code = this.open(c)
    this.storage.audit.append({ at: this.now().toISOString(), actor: this.actor(), action: 'code.reveal', subjectType: 'code', subjectId: codeId, detail: {} })
    return { codeId, code }
  }

  /** Put one code on the clipboard through the shell (audited); the window never receives it. */
  async copy(codeId: string, copyToClipboard: (text: string, clearAfterMs: number) => Promise<void>, clearAfterSeconds: number): Promise<{ codeId: string; clearsInSeconds: number }> {
    const c = this.storage.codes.get(codeId)
    if (!c) throw new AppError('NOT_FOUND', 'That code does not exist.')
    if (this.storage.codes.isHeld(codeId)) throw new AppError('CONFLICT', HELD_MESSAGE)
    await copyToClipboard(this.open(c), clearAfterSeconds * 1000)
    this.storage.audit.append({ at: this.now().toISOString(), actor: this.actor(), action: 'code.copy', subjectType: 'code', subjectId: codeId, detail: { clearsInSeconds: clearAfterSeconds } })
    return { codeId, clearsInSeconds: clearAfterSeconds }
  }

  /**
   * Write the matching codes to `path`. The export is recorded first (its codes, the target and the exact temp file
   * name), then the file is written under that temp name, its digest recorded, and it is renamed into place; only
   * then are the rows marked exported (and the export audited) — in the same transaction that closes the record.
   * A process killed anywhere in between leaves a record the next start acts on (recoverExports): a temp file is
   * removed, a file that landed has its codes marked, so no plaintext file outlives the export and no code goes out
   * twice.
   */
  exportCsv(
    path: string,
    filter: CodeFilter,
    opts: { markExported: boolean; bom: boolean; columns?: readonly ExportColumn[] | undefined; onChunk?: CsvWriteOptions['onChunk'] }
  ): number {
    return this.exportCsvDetailed(path, filter, opts).count
  }

  /**
   * exportCsv, saying also how many codes it marked and how many it left out: codes listed in an unfinished export
   * of a process that still runs (the app and a CLI exporting in_stock at the same moment) are left out, in the
   * same transaction that records this export, so no code goes into two files.
   */
  exportCsvDetailed(
    path: string,
    filter: CodeFilter,
    opts: { markExported: boolean; bom: boolean; columns?: readonly ExportColumn[] | undefined; onChunk?: CsvWriteOptions['onChunk']; isAlive?: (pid: number) => boolean }
  ): ExportResult {
    const isAlive = opts.isAlive ?? processIsAlive
    const columns = exportColumns(opts.columns)
    const names = new Map(this.storage.accounts.list().map((a) => [a.id, a.name]))
    const orders = new Map<string, { title: string; upstreamId: string; unitPrice: string; currency: string }>()
    const storage = this.storage
    const exportId = randomBytes(12).toString('hex')
    const tempPath = exportTempPath(path, exportId)
    const detail = { columns, markExported: opts.markExported, filter: { ...filter, codeIds: filter.codeIds ? `${filter.codeIds.length} selected` : undefined } }
    // The codes are fixed before anything is written: a code delivered meanwhile waits for the next export. Chosen
    // in the (IMMEDIATE) transaction that records the export, leaving out codes another live export is writing.
    let leftOut = 0
    const ids = storage.transaction(() => {
      const busy = new Set<string>()
      for (const other of storage.exports.unfinished()) {
        if (other.pid === process.pid || isAlive(other.pid)) for (const id of other.codeIds) busy.add(id)
      }
      const matched = storage.codes.states({ ...filter, held: 'exclude' }).map((c) => c.id)
      const free = matched.filter((id) => !busy.has(id))
      leftOut = matched.length - free.length
      storage.exports.insert({ id: exportId, targetPath: path, tempPath, codeIds: free, markExported: opts.markExported, detail, actor: this.actor(), pid: process.pid, createdAt: this.now().toISOString() })
      return free
    })
    const chosen = new Set(ids)
    if (leftOut > 0) {
      this.events.emit({ type: 'notice', level: 'warning', message: `${leftOut} code(s) were left out of this export: another ResellerDesk window or command is exporting them right now.` })
    }
    const rows = function* (self: CodeService): Iterable<string[]> {
      // Codes held for review never leave in an export (see HELD_SQL).
      for (const c of storage.codes.iterate({ ...filter, held: 'exclude' })) {
        if (!chosen.has(c.id)) continue
        let o = orders.get(c.orderId)
        if (!o) {
          const rec = storage.orders.mustGet(c.orderId)
          o = { title: rec.title, upstreamId: rec.upstreamId ?? '', unitPrice: rec.unitPrice, currency: rec.currency }
          orders.set(c.orderId, o)
        }
        const cell: Record<ExportColumn, () => string> = {
          product: () => o.title,
          code: () => self.open(c),
          account: () => names.get(c.accountId) ?? '',
          order_id: () => c.orderId,
          upstream_order_id: () => o.upstreamId,
          unit_price: () => o.unitPrice,
          currency: () => o.currency,
          delivered_at: () => c.createdAt
        }
        yield columns.map((col) => cell[col]())
      }
    }
    let count: number
    try {
      count = writeCsvAtomic(path, columns, rows(this), {
        bom: opts.bom,
        tempPath,
        // Known complete before the rename: from here on, a restart finds either the temp file or the landed file.
        onWritten: (digest) => storage.transaction(() => storage.exports.written(exportId, digest)),
        ...(opts.onChunk ? { onChunk: opts.onChunk } : {})
      })
    } catch (e) {
      // writeCsvAtomic removed its temp file; nothing landed.
      storage.transaction(() => storage.exports.finish(exportId, 'abandoned', this.now().toISOString()))
      throw e
    }
    const marked = this.completeExport(exportId, count, null)
    return { count, marked, leftOut }
  }

  /** Mark an export's codes (when asked), audit it, and close its record: one transaction. Returns how many it marked. */
  private completeExport(exportId: string, count: number, recovered: string | null): number {
    const rec = this.storage.exports.get(exportId)
    if (!rec) return 0
    const at = this.now().toISOString()
    return this.storage.transaction(() => {
      let marked = 0
      if (rec.markExported) {
        // Each code's own history shows the export too (the export entry below says what was exported as a whole).
        for (const c of this.storage.codes.transition(rec.codeIds, 'exported', at)) {
          marked++
          this.storage.audit.append({ at, actor: rec.actor, action: 'code.exported', subjectType: 'code', subjectId: c.id, detail: { from: c.from } })
        }
      }
      this.storage.audit.append({ at, actor: rec.actor, action: 'codes.export', subjectType: 'export', subjectId: exportId, detail: { count, marked, ...rec.detail, ...(recovered ? { recovered } : {}) } })
      this.storage.exports.finish(exportId, 'done', at)
      return marked
    })
  }

  /**
   * At start: finish what killed exports left. Only exports whose process is gone are touched (another window or
   * CLI may be exporting right now), and only the temp file each one recorded is removed — never anything else.
   * - writing: the temp file may be partial and nothing landed → remove it, abandon the export.
   * - written, temp file still there: it was never renamed → remove it (plain codes), abandon the export.
   * - written, temp file gone, the target holds exactly the file written (same digest): it landed → mark its codes
   *   and audit it, so the next export does not repeat them.
   * - written, temp file gone, the target's folder cannot be read (USB stick unplugged, share offline) or the file
   *   is there but unreadable: nothing is known → the record stays open for the next start.
   * - written, temp file gone, the target has another digest or is gone from a folder we can read: whether the
   *   codes left is for the person to say → the export is marked uncertain (codes not marked), audited, and a
   *   notice says which file and how many codes.
   * Returns how many exports it completed, abandoned, left open and found uncertain.
   */
  recoverExports(isAlive: (pid: number) => boolean = processIsAlive): { completed: number; abandoned: number; leftOpen: number; uncertain: number } {
    let completed = 0
    let abandoned = 0
    let leftOpen = 0
    let uncertain = 0
    for (const rec of this.storage.exports.unfinished()) {
      if (rec.pid !== process.pid && isAlive(rec.pid)) continue
      if (rec.pid === process.pid) continue // our own export, still running in this process
      const tempThere = existsSync(rec.tempPath)
      if (tempThere && isOurTempName(rec.targetPath, rec.tempPath)) rmSync(rec.tempPath, { force: true })
      if (rec.state === 'writing' || tempThere) {
        this.storage.transaction(() => this.storage.exports.finish(rec.id, 'abandoned', this.now().toISOString()))
        abandoned++
        continue
      }
      const landed = fileDigest(rec.targetPath)
      if (landed !== null && landed === rec.digest) {
        this.completeExport(rec.id, rec.codeIds.length, 'the file was in place')
        completed++
        continue
      }
      if (!folderReachable(dirname(rec.targetPath)) || (landed === null && existsSync(rec.targetPath))) {
        leftOpen++
        continue
      }
      const why = landed === null ? 'the file is no longer there' : 'the file there is not the one written (changed or replaced)'
      const at = this.now().toISOString()
      this.storage.transaction(() => {
        this.storage.audit.append({ at, actor: rec.actor, action: 'codes.export.uncertain', subjectType: 'export', subjectId: rec.id, detail: { count: rec.codeIds.length, targetPath: rec.targetPath, why } })
        this.storage.exports.finish(rec.id, 'uncertain', at)
      })
      this.events.emit({
        type: 'notice',
        level: 'warning',
        message: `An export of ${rec.codeIds.length} code(s) to ${rec.targetPath} was interrupted and ${why}. Its codes were not marked exported: check whether they left, and mark them yourself if they did.`
      })
      uncertain++
    }
    return { completed, abandoned, leftOpen, uncertain }
  }

  /**
   * Marks codes sold or void, picked by ids or by a filter, in one transaction: each code that changes gets its own
   * audit entry (who, when, from which state, why). Codes already in that state, or void (which cannot be sold), are
   * counted as matched but not changed.
   */
  /** Full ids or unambiguous prefixes (the lists show 8 characters); refused at the first that is neither. */
  find(prefixes: readonly string[]): string[] {
    return prefixes.map((p) => {
      if (this.storage.codes.get(p)) return p
      const matches = this.storage.codes.idsByPrefix(p, 2)
      if (matches.length === 1) return matches[0]!
      throw new AppError('NOT_FOUND', matches.length ? `“${p}” matches several codes; give more of the id.` : `No code “${p}”.`)
    })
  }

  mark(input: CodeMarkInput): CodeMarkResult {
    const narrowed = input.filter && Object.values(input.filter).some((v) => v !== undefined)
    if (!input.codeIds && !narrowed) throw new AppError('VALIDATION', 'Choose the codes to mark: by id, or by a filter that narrows them down.')
    if (input.to === 'void' && !input.reason?.trim()) throw new AppError('VALIDATION', 'Say why the codes are void.', { fields: { reason: 'is required' } })
    const at = this.now().toISOString()
    const actor = this.actor()
    return this.storage.transaction(() => {
      const matched = this.storage.codes.states(input.codeIds ? { codeIds: input.codeIds } : input.filter!)
      const reason = input.reason?.trim() ?? null
      const changed = this.storage.codes.transition(
        matched.map((c) => c.id),
        input.to,
        at,
        input.to === 'void' ? reason : null
      )
      for (const c of changed) {
        this.storage.audit.append({ at, actor, action: `code.${input.to}`, subjectType: 'code', subjectId: c.id, detail: { from: c.from, ...(reason ? { reason } : {}) } })
      }
      return { to: input.to, matched: matched.length, changed: changed.length }
    })
  }
}
