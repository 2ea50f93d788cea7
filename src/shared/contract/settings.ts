// App-wide settings (Settings screen).
import { z } from 'zod'
import { type ChannelTable, NoInput } from './table'

export const AppSettings = z.object({
  /** After copying a code, the clipboard is cleared this many seconds later (0 = never). */
  clipboardClearSeconds: z.number().int().min(0).max(3600)
})

export type AppSettings = z.infer<typeof AppSettings>

export const settingsChannels = {
  'settings.get': { input: NoInput, output: AppSettings },
  'settings.update': { input: AppSettings.partial().strict(), output: AppSettings }
} as const satisfies ChannelTable
