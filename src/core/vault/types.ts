// The vault's public shape. Everything secret at rest (codes, API keys) is sealed with keys derived from one
// random 32-byte data key; the data key itself is stored only wrapped by a KeyProvider.
import type { Hmac } from 'node:crypto'


/** The data key as stored: wrapped, with what is needed to unwrap it (never the key itself). */
export interface WrappedKey {
  /** 'passphrase' (scrypt + AES-256-GCM) or 'keychain' (OS keychain via Electron safeStorage). */
  method: 'passphrase' | 'keychain'
  /** JSON-safe parameters of the method (salt, scrypt cost…), base64 where binary. */
  params: Record<string, string | number>
  /** base64 of the wrapped key. */
  blob: string
}

export interface KeyProvider {
  readonly method: WrappedKey['method']
  wrap(dataKey: Buffer): Promise<WrappedKey>
  /** Throws AppError('WRONG_PASSPHRASE') when the wrapped key cannot be opened with this provider's secret. */
  unwrap(wrapped: WrappedKey): Promise<Buffer>
}

/** Where the wrapped key lives (the database's vault_meta table in practice). */
export interface WrappedKeyStore {
  load(): WrappedKey | null
  save(key: WrappedKey): void
  /**
   * Optional: save only when no key is stored yet, atomically (e.g. INSERT … ON CONFLICT DO NOTHING); false when one
   * already was. openVault uses it when present, so two processes creating a vault at the same moment (app and CLI)
   * cannot overwrite each other's key, which would make everything sealed with the loser's key unreadable.
   */
  saveIfAbsent?(key: WrappedKey): boolean
}

/**
 * An open vault. `aad` binds a ciphertext to its row ("code:<id>", "account:<id>"), so a sealed value moved to
 * another row fails to open instead of decrypting to the wrong thing.
 */
export interface OpenVault {
  seal(plaintext: string, aad: string): Buffer
  /** Throws AppError('VAULT_CORRUPT') when the ciphertext was altered or belongs to another row. */
  open(sealed: Buffer, aad: string): string
  /** Keyed fingerprint (HMAC-SHA-256 with a derived key) of a code, to notice the same code delivered twice. */
  fingerprint(code: string): Buffer
  /**
   * A fresh HMAC-SHA-256 under a subkey of the data key kept for backup files only: whoever can unlock the vault can
   * make and check its backups, and nobody else can forge one that restores (see backup/backup-file.ts).
   */
  backupMac(): Hmac
}
