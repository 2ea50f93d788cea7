// The settings slice's public surface.
export { SettingsService } from './settings-service'
export { settingsHandlers, type SettingsChannel } from './handlers'
