// App-wide settings: what is stored, laid over the defaults, so a setting added later has a value on old data.
import type { AppSettings } from '../../shared/contract'
import type { SettingsRepo } from '../db/settings-repo'

const DEFAULT_SETTINGS: AppSettings = { clipboardClearSeconds: 30 }

export class SettingsService {
  constructor(private readonly repo: Pick<SettingsRepo, 'get' | 'set'>) {}

  get(): AppSettings {
    return { ...DEFAULT_SETTINGS, ...(this.repo.get<Partial<AppSettings>>('app') ?? {}) }
  }

  /** Changes only the settings given; the others keep their value. */
  update(patch: Partial<AppSettings>): AppSettings {
    const next = { ...this.get(), ...patch }
    this.repo.set('app', next)
    return next
  }
}
