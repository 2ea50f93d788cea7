// Markup: the rules that make the sell prices. Public surface; import this feature only from here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { MarkupScreen } from './MarkupScreen'
