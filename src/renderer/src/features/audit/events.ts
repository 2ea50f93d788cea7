// What the History screen hears: a settled order is audited, so the log is read again if the screen was opened.
import { onEvent, onSessionReset } from '../../state/events'
import { onOpen } from '../../state/nav'
import { useAudit } from './store'

onEvent('order.settled', () => useAudit.getState().scheduleRefresh())
onSessionReset(() => useAudit.getState().reset())
onOpen('history', ({ subjectType, subjectId }) => useAudit.getState().showSubject(subjectType, subjectId))
