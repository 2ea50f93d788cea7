// What the catalog hears: a sync of an account's catalog (one event per account) refreshes the search shown.
import { onEvent, onSessionReset } from '../../state/events'
import { useCatalog } from './store'

onEvent('catalog.synced', () => useCatalog.getState().scheduleRefresh())
onSessionReset(() => useCatalog.getState().reset())
