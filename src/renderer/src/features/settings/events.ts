import { onSessionReset } from '../../state/events'
import { useBackups } from './backups-store'
import { useSettings } from './settings-store'

onSessionReset(() => {
  useSettings.getState().reset()
  useBackups.getState().reset()
})
