import { onSessionReset } from '../../state/events'
import { useMarkup } from './store'

onSessionReset(() => useMarkup.getState().reset())
