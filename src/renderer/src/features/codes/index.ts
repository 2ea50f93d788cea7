// Codes: the code inventory, revealing and copying a code, marking and exporting. Public surface; import this feature
// only from here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { CodeReveal } from './CodeReveal'
export { CodesScreen } from './CodesScreen'
