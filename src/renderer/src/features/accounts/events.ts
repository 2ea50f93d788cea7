// What the accounts feature hears: the core's accounts.changed, and the session starting or being dropped.
import { onEvent, onSessionReset, onSessionStart } from '../../state/events'
import { useAccounts } from './store'

onEvent('accounts.changed', () => void useAccounts.getState().load())
onSessionReset(() => useAccounts.getState().reset())
onSessionStart(() => useAccounts.getState().load())
