// The settings slice's part of the contract.
import type { settingsChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import type { SettingsService } from './settings-service'

export type SettingsChannel = keyof typeof settingsChannels

export function settingsHandlers(settings: SettingsService): HandlersOf<SettingsChannel> {
  return {
    'settings.get': async () => settings.get(),
    'settings.update': async (i) => settings.update(i)
  }
}
