// The History screen: the audit log (audit.list), newest first — who revealed, copied, exported or marked which code,
// placed or cancelled which order, and when. Filtered by who and by what; other screens open it on one code or order.
import { create } from 'zustand'
import type { AuditEntryView } from '../../../../shared/contract'
import { call } from '../../api'
import { coalesce, newestLoad, type Loadable } from '../../state/list-store'

export const AUDIT_LIMIT = 1000

export type AuditSubject = AuditEntryView['subjectType']
/** What the "About" filter offers (the vault's own entries are not something a shop assistant looks for). */
export const AUDIT_SUBJECTS: readonly AuditSubject[] = ['code', 'order', 'export', 'account']

interface AuditState extends Loadable {
  actor: string
  subjectType: AuditSubject | ''
  subjectId: string
  list: AuditEntryView[]
  /** Names of the staff profiles used on this computer, for the "Who" filter. */
  actors: string[]
  setActor(actor: string): void
  setSubjectType(subjectType: AuditSubject | ''): void
  setSubjectId(subjectId: string): void
  /** Opens the history of one code or order (set by the Codes and Orders screens before they navigate). */
  showSubject(subjectType: AuditSubject, subjectId: string): void
  clearFilters(): void
  load(): Promise<void>
  loadActors(): Promise<void>
  /** Something audited happened (an export, a mark): refetch if the screen has been opened. */
  scheduleRefresh(): void
  reset(): void
}

const listLoad = newestLoad(() => useAudit)
const refreshSoon = coalesce(() => void useAudit.getState().load(), 300)

export const useAudit = create<AuditState>()((set, get) => ({
  actor: '',
  subjectType: '',
  subjectId: '',
  list: [],
  status: 'idle',
  error: null,
  actors: [],
  setActor(actor) {
    set({ actor })
    void get().load()
  },
  setSubjectType(subjectType) {
    // An id belongs to one kind of subject: a code's id finds nothing among orders.
    set({ subjectType, subjectId: '' })
    void get().load()
  },
  setSubjectId(subjectId) {
    set({ subjectId })
  },
  showSubject(subjectType, subjectId) {
    set({ subjectType, subjectId, actor: '' })
    // The screen loads when it opens; an already open one is refreshed here.
    if (get().status !== 'idle') void get().load()
  },
  clearFilters() {
    set({ actor: '', subjectType: '', subjectId: '' })
    void get().load()
  },
  async load() {
    const { actor, subjectType, subjectId } = get()
    await listLoad.run(
      () =>
        call('audit.list', {
          limit: AUDIT_LIMIT,
          ...(actor ? { actor } : {}),
          ...(subjectType ? { subjectType } : {}),
          ...(subjectType && subjectId.trim() ? { subjectId: subjectId.trim() } : {})
        }),
      (list) => ({ list })
    )
  },
  async loadActors() {
    try {
      const r = await call('profile.list', {})
      set({ actors: [...r.profiles].sort((a, b) => a.localeCompare(b)) })
    } catch {
      // The filter then offers only "Anyone"; the log itself still loads.
    }
  },
  scheduleRefresh() {
    if (get().status !== 'idle') refreshSoon()
  },
  reset() {
    listLoad.cancel()
    set({ actor: '', subjectType: '', subjectId: '', list: [], status: 'idle', error: null, actors: [] })
  }
}))

/** Something audited happened elsewhere (codes exported or marked): the log is read again if the screen was opened. */
export function historyChanged(): void {
  useAudit.getState().scheduleRefresh()
}
