// Audit: the History screen, who did what to which code or order. Public surface; import this feature only from here
// (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { HistoryScreen } from './HistoryScreen'
export { historyChanged } from './store'
