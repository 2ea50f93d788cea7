// The shop's markup rules (markup.list / set / remove). The core prices every catalog item with them (sellPrice):
// the window never computes a price, so after a change it asks the catalog again.
import { create } from 'zustand'
import type { MarkupRuleInput, MarkupRuleView } from '../../../../shared/contract'
import { call } from '../../api'
import { t } from '../../i18n'
import { useCatalog } from '../catalog'
import { newestLoad, type Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'

interface MarkupState extends Loadable {
  list: MarkupRuleView[]
  saving: boolean
  removing: string | null
  load(): Promise<void>
  /** Throws a UiError (with `fields`) for the form. */
  save(input: MarkupRuleInput): Promise<MarkupRuleView>
  remove(rule: MarkupRuleView): Promise<void>
  reset(): void
}

const listLoad = newestLoad(() => useMarkup)

function byAccountThenCategory(a: MarkupRuleView, b: MarkupRuleView): number {
  return a.accountName.localeCompare(b.accountName) || (a.category ?? '').localeCompare(b.category ?? '')
}

export const useMarkup = create<MarkupState>()((set, get) => ({
  list: [],
  status: 'idle',
  error: null,
  saving: false,
  removing: null,
  async load() {
    await listLoad.run(() => call('markup.list', {}), (list) => ({ list: [...list].sort(byAccountThenCategory) }))
  },
  async save(input) {
    set({ saving: true })
    try {
      const rule = await call('markup.set', input)
      // The rule for (account, category) replaces the one there was.
      set((s) => ({
        list: [...s.list.filter((r) => r.id !== rule.id && !(r.accountId === rule.accountId && sameCategory(r.category, rule.category))), rule].sort(byAccountThenCategory)
      }))
      useNotices.getState().push('success', t.markup.saved(rule.accountName))
      void useCatalog.getState().search()
      return rule
    } finally {
      set({ saving: false })
    }
  },
  async remove(rule) {
    set({ removing: rule.id })
    try {
      const r = await call('markup.remove', { ruleId: rule.id })
      if (r.removed) useNotices.getState().push('success', t.markup.removed(rule.accountName))
      set((s) => ({ list: s.list.filter((x) => x.id !== rule.id) }))
      void useCatalog.getState().search()
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ removing: null })
    }
  },
  reset() {
    listLoad.cancel()
    set({ list: [], status: 'idle', error: null, saving: false, removing: null })
  }
}))

/** Categories are matched without regard to case, as the core does. */
export function sameCategory(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : a.toLowerCase() === b.toLowerCase()
}
