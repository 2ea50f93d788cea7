import type { Db } from './open'
import type { WrappedKey, WrappedKeyStore } from '../vault/types'

/** Keeps the wrapped data key in the database it protects, so a data directory is self-contained. */
export class VaultMetaRepo implements WrappedKeyStore {
  constructor(private readonly db: Db) {}

  load(): WrappedKey | null {
    const r = this.db.prepare('SELECT wrapped_key FROM vault_meta WHERE id = 1').get() as { wrapped_key: string } | undefined
    return r ? (JSON.parse(r.wrapped_key) as WrappedKey) : null
  }

  /** First writer wins: two processes creating a vault at once must not overwrite each other's key. */
  saveIfAbsent(key: WrappedKey): boolean {
    return (
      this.db
        .prepare('INSERT INTO vault_meta (id, wrapped_key, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING')
        .run(JSON.stringify(key), new Date().toISOString()).changes === 1
    )
  }

  save(key: WrappedKey): void {
    this.db
      .prepare('INSERT INTO vault_meta (id, wrapped_key, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET wrapped_key = excluded.wrapped_key')
      .run(JSON.stringify(key), new Date().toISOString())
  }
}
