// What the watches hear: catalog.changed says which watched products changed in a sync. The watched items are loaded
// when a session starts, so the catalog's Watch buttons are right from the first search.
import { onEvent, onSessionReset, onSessionStart } from '../../state/events'
import { useWatches } from './store'

onEvent('catalog.changed', (e) => useWatches.getState().announce(e.changes))
onSessionReset(() => useWatches.getState().reset())
onSessionStart(() => useWatches.getState().load())
