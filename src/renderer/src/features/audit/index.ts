// Audit: the History screen, who did what to which code or order. Public surface; import this feature only from here
// (features/README.md).
export { HistoryScreen } from './HistoryScreen'
export { useAudit } from './store'
