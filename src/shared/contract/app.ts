// The host's channels: app info and mode, unlocking the vault, who is at the desk.
import { z } from 'zod'
import { AppMode, nameSchema } from './common'
import { type ChannelTable, NoInput } from './table'

export const ProfileName = nameSchema({ required: 'Enter your name', max: 60 })

export const AppInfo = z.object({
  version: z.string(),
  /** The staff member at the desk; null until one is chosen (the app asks at start). */
  profile: z.string().nullable(),
  mode: AppMode,
  dataDir: z.string(),
  vault: z.enum(['unlocked', 'needs-passphrase', 'new-needs-passphrase', 'damaged']),
  accountsCount: z.number().int(),
  /** When vault is 'damaged': what is wrong and the way out (the latest backup, by name). */
  problem: z.string().optional()
})

export type AppInfo = z.infer<typeof AppInfo>

export const appChannels = {
  'app.info': { input: NoInput, output: AppInfo },
  /** Leave or enter demo mode (the demo has its own data directory). */
  'app.setMode': { input: z.object({ mode: AppMode }).strict(), output: AppInfo },
  /** Settings → "Open logs folder": the main process opens the app's logs folder in the file manager. */
  'app.openLogsFolder': { input: NoInput, output: z.object({ opened: z.boolean() }) },
  /** Used only when the OS keychain is unavailable: unlock (or create) the vault with a passphrase. */
  'vault.unlock': { input: z.object({ passphrase: z.string().min(8, 'Use at least 8 characters').max(1024) }).strict(), output: AppInfo },
  /** Staff profiles: who is at the desk (every audit entry carries the name). */
  'profile.list': { input: NoInput, output: z.object({ current: z.string().nullable(), profiles: z.array(z.string()) }) },
  'profile.select': { input: z.object({ name: ProfileName }).strict(), output: AppInfo }
} as const satisfies ChannelTable
