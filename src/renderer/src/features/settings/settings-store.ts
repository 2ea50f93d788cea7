// App settings of the open data folder (settings.get / settings.update): how long a copied code stays on the clipboard.
import { create } from 'zustand'
import type { AppSettings } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { t } from '../../i18n'
import type { Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'

interface SettingsState extends Loadable {
  value: AppSettings | null
  saving: boolean
  load(): Promise<void>
  /** Throws a UiError (with `fields`) for the form. */
  update(patch: Partial<AppSettings>): Promise<void>
  reset(): void
}

export const useSettings = create<SettingsState>()((set, get) => ({
  value: null,
  status: 'idle',
  error: null,
  saving: false,
  async load() {
    if (get().status !== 'ready') set({ status: 'loading' })
    try {
      set({ value: await call('settings.get', {}), status: 'ready', error: null })
    } catch (e) {
      set({ status: 'failed', error: toUiError(e).message })
    }
  },
  async update(patch) {
    set({ saving: true })
    try {
      const value = await call('settings.update', patch)
      set({ value, status: 'ready', error: null })
      useNotices.getState().push('success', t.settings.settingsSaved)
    } finally {
      set({ saving: false })
    }
  },
  reset() {
    set({ value: null, status: 'idle', error: null, saving: false })
  }
}))
