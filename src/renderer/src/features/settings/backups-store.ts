// Settings → Backups: where backups go, the last one, "Back up now", and the recovery key.
import { create } from 'zustand'
import type { BackupStatusView } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { t } from '../../i18n'
import type { Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'

interface BackupsState extends Loadable {
  value: BackupStatusView | null
  working: 'backup' | 'folder' | null
  load(): Promise<void>
  backUpNow(): Promise<void>
  chooseFolder(useDefault: boolean): Promise<void>
  /** The recovery key in words (audited in the core); throws a UiError. */
  revealKey(): Promise<string>
  keySeen(): Promise<void>
  /** Replaces the recovery key; resolves with the warning about older backups. Throws a UiError. */
  newKey(): Promise<string>
  reset(): void
}

export const useBackups = create<BackupsState>()((set, get) => ({
  value: null,
  status: 'idle',
  error: null,
  working: null,
  async load() {
    if (get().status !== 'ready') set({ status: 'loading' })
    try {
      set({ value: await call('backup.status', {}), status: 'ready', error: null })
    } catch (e) {
      set({ status: 'failed', error: toUiError(e).message })
    }
  },
  async backUpNow() {
    set({ working: 'backup' })
    try {
      const made = await call('backup.create', {})
      useNotices.getState().push('success', t.backups.backedUp(made.counts.codes, made.file))
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ working: null })
      await get().load() // the last backup time, or the failure, either way
    }
  },
  async chooseFolder(useDefault) {
    set({ working: 'folder' })
    try {
      set({ value: await call('backup.chooseFolder', useDefault ? { useDefault: true } : {}) })
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ working: null })
    }
  },
  async revealKey() {
    const r = await call('vault.recoveryKey', {})
    return r.recoveryKey
  },
  async keySeen() {
    set({ value: await call('vault.recoveryKeySeen', {}) })
  },
  async newKey() {
    const r = await call('vault.newRecoveryKey', {})
    await get().load() // the new key is not written down yet: the strip comes back
    return r.warning
  },
  reset() {
    set({ value: null, status: 'idle', error: null, working: null })
  }
}))
