import { onSessionReset } from '../../state/events'
import { useReconcile } from './store'

onSessionReset(() => useReconcile.getState().reset())
