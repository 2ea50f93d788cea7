import type { Db } from './open'
import type { RecoveryStore, StoredRecovery } from '../vault/recovery'
import type { RecoveryWrapping } from '../vault/recovery-key'

/** The data key wrapped by the recovery key, and the recovery key sealed by the data key (see vault/recovery.ts). */
export class VaultRecoveryRepo implements RecoveryStore {
  constructor(private readonly db: Db) {}

  load(): StoredRecovery | null {
    const r = this.db.prepare('SELECT wrapped_key, sealed_key, acknowledged_at FROM vault_recovery WHERE id = 1').get() as
      | { wrapped_key: string; sealed_key: Buffer; acknowledged_at: string | null }
      | undefined
    if (!r) return null
    let wrapping: unknown
    try {
      wrapping = JSON.parse(r.wrapped_key)
    } catch {
      wrapping = null // shape-checked by the caller, which reports damage in words
    }
    return { wrapping, sealedKey: r.sealed_key, acknowledgedAt: r.acknowledged_at }
  }

  saveIfAbsent(wrapping: RecoveryWrapping, sealedKey: Buffer): boolean {
    return (
      this.db
        .prepare('INSERT INTO vault_recovery (id, wrapped_key, sealed_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
        .run(JSON.stringify(wrapping), sealedKey, new Date().toISOString()).changes === 1
    )
  }

  replace(wrapping: RecoveryWrapping, sealedKey: Buffer): void {
    this.db
      .prepare(
        'INSERT INTO vault_recovery (id, wrapped_key, sealed_key, created_at) VALUES (1, ?, ?, ?) ' +
          'ON CONFLICT (id) DO UPDATE SET wrapped_key = excluded.wrapped_key, sealed_key = excluded.sealed_key, created_at = excluded.created_at, acknowledged_at = NULL'
      )
      .run(JSON.stringify(wrapping), sealedKey, new Date().toISOString())
  }

  /** The person confirmed they wrote the key down: the app stops asking. */
  acknowledge(at: string): void {
    this.db.prepare('UPDATE vault_recovery SET acknowledged_at = ? WHERE id = 1 AND acknowledged_at IS NULL').run(at)
  }
}
