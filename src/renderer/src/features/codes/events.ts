// What the code inventory hears: a settled order may have brought codes. Opened on a purchase or an order, it shows
// that one's codes.
import { onEvent, onSessionReset } from '../../state/events'
import { onOpen } from '../../state/nav'
import { useCodes } from './store'

onEvent('order.settled', () => useCodes.getState().scheduleRefresh())
onSessionReset(() => useCodes.getState().reset())
onOpen('codes', (target) => ('batchId' in target ? useCodes.getState().showBatch(target.batchId) : useCodes.getState().showOrder(target.orderId)))
