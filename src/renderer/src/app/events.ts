// The shell's own subscriptions: the session, the toasts and the balance readings shown on every screen. Each
// feature subscribes its own stores in features/<feature>/events.ts.
import { formatMoney } from '../format/money'
import { t } from '../i18n'
import { useBalances } from '../state/balances'
import { onEvent, onSessionReset, onSessionStart } from '../state/events'
import { useNotices } from '../state/notices'
import { useSession } from '../state/session'

onEvent('balances.changed', (e) => useBalances.getState().apply(e.balances))
onEvent('balance.low', (e) => {
  useBalances.getState().markLow(e.accountId)
  useNotices.getState().push('warning', t.balances.lowToast(e.accountName, formatMoney(e.available), formatMoney(e.threshold)), undefined, 'balance.low')
})
onEvent('accounts.changed', () => {
  void useBalances.getState().load()
  void useSession.getState().refreshInfo()
})
onEvent('notice', (e) => {
  // The same news as a typed event, which says it in the window's own words.
  if (e.about) return
  useNotices.getState().push(e.level, e.message, e.orderId)
})

onSessionReset(() => useBalances.getState().reset())
onSessionStart(() => useBalances.getState().load())
