// The accounts slice's part of the contract.
import type { accountsChannels } from '../../shared/contract'
import { AppError } from '../errors'
import type { HandlersOf } from '../handler-types'
import type { AccountService } from './account-service'

export type AccountsChannel = keyof typeof accountsChannels

export function accountsHandlers(accounts: AccountService, testConnection: (accountId: string) => Promise<{ available: { amount: string; currency: string } }>): HandlersOf<AccountsChannel> {
  return {
    'accounts.list': async () => accounts.list().map((a) => accounts.toView(a)),
    'accounts.add': async (i) => accounts.toView(accounts.add(i)),
    'accounts.update': async (i) => accounts.toView(accounts.update(i.accountId, { name: i.name, settings: i.settings })),
    'accounts.find': async (i) => accounts.toView(accounts.byName(i.name)),
    'accounts.remove': async (i) => ({ removed: accounts.remove(i.accountId) }),
    // A balance reading is the cheapest call every supplier answers only with valid credentials.
    'accounts.test': async (i) => {
      try {
        const b = await testConnection(i.accountId)
        return { ok: true, message: 'Connected. The supplier accepted the credentials.', balance: b.available }
      } catch (e) {
        if (e instanceof AppError) return { ok: false, message: e.message, balance: null }
        throw e
      }
    }
  }
}
