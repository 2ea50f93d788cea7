// Supplier accounts: list, add (then test at once), edit settings, test, remove. Credentials only ever travel
// renderer → core.
import { create } from 'zustand'
import type { ChannelInput } from '../../../../shared/contract'
import type { AccountView, Money } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import type { Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'
import { t } from '../../i18n'

export type TestResult =
  | { state: 'running' }
  | { state: 'done'; ok: boolean; message: string; balance: Money | null }

interface AccountsState extends Loadable {
  list: AccountView[]
  tests: Record<string, TestResult>
  removing: string | null
  load(): Promise<void>
  /** Throws a UiError (with `fields`) for the form. The new account's connection is tested right away. */
  add(input: ChannelInput<'accounts.add'>): Promise<AccountView>
  /** Throws a UiError (with `fields`) for the form. */
  update(input: ChannelInput<'accounts.update'>): Promise<AccountView>
  test(accountId: string): Promise<void>
  remove(account: AccountView): Promise<void>
  reset(): void
}

export const useAccounts = create<AccountsState>()((set, get) => ({
  list: [],
  status: 'idle',
  error: null,
  tests: {},
  removing: null,
  async load() {
    if (get().status !== 'ready') set({ status: 'loading' })
    try {
      set({ list: await call('accounts.list', {}), status: 'ready', error: null })
    } catch (e) {
      set({ status: 'failed', error: toUiError(e).message })
    }
  },
  async add(input) {
    const account = await call('accounts.add', input)
    set((s) => ({ list: s.list.some((a) => a.id === account.id) ? s.list : [...s.list, account] }))
    useNotices.getState().push('success', t.accounts.added(account.name))
    void get().test(account.id)
    return account
  },
  async update(input) {
    const account = await call('accounts.update', input)
    set((s) => ({ list: s.list.map((a) => (a.id === account.id ? account : a)) }))
    useNotices.getState().push('success', t.accounts.edited(account.name))
    return account
  },
  async test(accountId) {
    set((s) => ({ tests: { ...s.tests, [accountId]: { state: 'running' } } }))
    let result: TestResult
    try {
      const r = await call('accounts.test', { accountId })
      result = { state: 'done', ok: r.ok, message: r.message, balance: r.balance }
    } catch (e) {
      result = { state: 'done', ok: false, message: toUiError(e).message, balance: null }
    }
    set((s) => ({ tests: { ...s.tests, [accountId]: result } }))
  },
  async remove(account) {
    set({ removing: account.id })
    try {
      const r = await call('accounts.remove', { accountId: account.id })
      if (r.removed) {
        set((s) => ({ list: s.list.filter((a) => a.id !== account.id) }))
        useNotices.getState().push('success', t.accounts.removed(account.name))
      }
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ removing: null })
    }
  },
  reset() {
    set({ list: [], status: 'idle', error: null, tests: {}, removing: null })
  }
}))
