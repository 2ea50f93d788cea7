// What the ledger hears: a settled order adds a purchase or a refund.
import { onEvent, onSessionReset } from '../../state/events'
import { useLedger } from './store'

onEvent('order.settled', () => useLedger.getState().scheduleRefresh())
onSessionReset(() => useLedger.getState().reset())
