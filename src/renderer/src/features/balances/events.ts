// What the Balances screen hears: new readings redraw its charts (the readings themselves are the shell's).
import { onEvent, onSessionReset } from '../../state/events'
import { useBalanceCharts } from './store'

onEvent('balances.changed', () => useBalanceCharts.getState().scheduleRefresh())
onSessionReset(() => useBalanceCharts.getState().reset())
