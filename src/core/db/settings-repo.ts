// Small app-wide settings (JSON values by key) and the staff profiles who work at this desk.
import type { Db } from './open'

export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get<T>(key: string): T | null {
    const r = this.db.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as { value: string } | undefined
    return r ? (JSON.parse(r.value) as T) : null
  }

  set(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value))
  }

  /** Profiles, most recently used first. */
  profiles(): { name: string; lastUsedAt: string }[] {
    return (this.db.prepare('SELECT name, last_used_at FROM profiles ORDER BY last_used_at DESC').all() as { name: string; last_used_at: string }[]).map((r) => ({
      name: r.name,
      lastUsedAt: r.last_used_at
    }))
  }

  useProfile(name: string, at: string): void {
    this.db
      .prepare('INSERT INTO profiles (name, created_at, last_used_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET last_used_at = excluded.last_used_at')
      .run(name, at, at)
  }
}
