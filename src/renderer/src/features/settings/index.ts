// Settings: the app settings of this data folder, backups and the recovery key, restore, and who is at the desk.
// Public surface; import this feature only from here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { DamagedScreen } from './DamagedScreen'
export { ProfilePicker } from './ProfilePicker'
export { ProfileScreen } from './ProfileScreen'
export { RecoveryKeyPrompt } from './RecoveryKeyDialog'
export { SettingsScreen } from './SettingsScreen'
