// The app session: version, demo/live mode, whether the vault is unlocked, and who is at the desk.
import { create } from 'zustand'
import type { AppMode } from '../../../shared/domain'
import type { AppInfo } from '../../../shared/contract'
import { call, setVaultLockedListener, toUiError } from '../api'
import { useNotices } from './notices'

interface SessionState {
  status: 'loading' | 'ready' | 'failed'
  info: AppInfo | null
  error: string | null
  switching: boolean
  load(): Promise<void>
  refreshInfo(): Promise<void>
  /** Throws a UiError for the form to show (wrong passphrase…). */
  unlock(passphrase: string): Promise<void>
  setMode(mode: AppMode): Promise<void>
  /** Who is at the desk (every reveal, copy and export is audited with the name). Throws a UiError for the form. */
  selectProfile(name: string): Promise<void>
}

export const useSession = create<SessionState>()((set, get) => ({
  status: 'loading',
  info: null,
  error: null,
  switching: false,
  async load() {
    set({ status: 'loading', error: null })
    try {
      const info = await call('app.info', {})
      set({ status: 'ready', info })
    } catch (e) {
      set({ status: 'failed', error: toUiError(e).message })
    }
  },
  async refreshInfo() {
    try {
      const info = await call('app.info', {})
      set({ info, status: 'ready' })
    } catch (e) {
      if (get().status !== 'ready') set({ status: 'failed', error: toUiError(e).message })
    }
  },
  async unlock(passphrase) {
    const info = await call('vault.unlock', { passphrase })
    set({ info, status: 'ready' })
  },
  async setMode(mode) {
    set({ switching: true })
    try {
      const info = await call('app.setMode', { mode })
      set({ info, status: 'ready' })
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ switching: false })
    }
  },
  async selectProfile(name) {
    const info = await call('profile.select', { name })
    set({ info, status: 'ready' })
  }
}))

setVaultLockedListener(() => {
  void useSession.getState().refreshInfo()
})
