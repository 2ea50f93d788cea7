// The vault's lifecycle: create it on first use, open it with a KeyProvider, and re-wrap its key (change the
// passphrase, move to or from the keychain). The data key itself never changes, so nothing sealed is re-encrypted.
import { timingSafeEqual } from 'node:crypto'
import { AppError } from '../errors'
import { createDataKey } from './data-key'
import { openVaultWithKey } from './open-vault'
import type { KeyProvider, OpenVault, WrappedKey, WrappedKeyStore } from './types'
import { storedKeyDamaged } from './vault-errors'

export { openVaultWithKey }

// On wiping keys: Buffers holding the data key are zeroed as soon as they are no longer needed. That narrows the
// window, nothing more: V8 may have copied bytes while moving objects, base64 strings (keychain path) cannot be wiped,
// and OpenSSL keeps its own copies inside the KeyObjects and cipher contexts. The real protection is that the key is
// never written anywhere unwrapped and never leaves the main process.

/**
 * Opens the vault, creating it first when the store holds no key. Throws WRONG_PASSPHRASE / VAULT_LOCKED (from the
 * provider) when the stored key cannot be unwrapped, and VAULT_CORRUPT when the stored key is damaged. A stored key
 * is never replaced here, damaged or not.
 */
export async function openVault(store: WrappedKeyStore, provider: KeyProvider): Promise<OpenVault> {
  const dataKey = await unlockDataKey(store, provider)
  try {
    return openVaultWithKey(dataKey)
  } finally {
    dataKey.fill(0)
  }
}

/**
 * The data key itself, creating the vault first when the store holds no key (same rules as openVault). For the few
 * callers that must wrap it a second time (the recovery key, a restore); the caller wipes it when done.
 */
export async function unlockDataKey(store: WrappedKeyStore, provider: KeyProvider): Promise<Buffer> {
  const existing = loadWrappedKey(store)
  if (existing !== null) return provider.unwrap(existing)

  const dataKey = createDataKey()
  try {
    const wrapped = await wrapVerified(provider, dataKey)
    if (store.saveIfAbsent) {
      if (!store.saveIfAbsent(wrapped)) return unwrapWinner(store, provider)
    } else {
      // Without an atomic insert, look again: wrapping took a while (scrypt), and another process may have created
      // the vault meanwhile. Load and save run with no await between them, so this process cannot race itself.
      if (loadWrappedKey(store) !== null) return unwrapWinner(store, provider)
      store.save(wrapped)
    }
    return Buffer.from(dataKey)
  } finally {
    dataKey.fill(0)
  }
}

/** Whether a key is stored. A key that cannot be read still counts: a damaged vault must never be replaced by a new one. */
export function vaultExists(store: WrappedKeyStore): boolean {
  try {
    return store.load() !== null
  } catch {
    return true
  }
}

/** How the stored key is protected (decides whether the app asks for a passphrase), or null when there is no vault. */
export function vaultMethod(store: WrappedKeyStore): WrappedKey['method'] | null {
  return loadWrappedKey(store)?.method ?? null
}

/**
 * Re-wraps the data key: unwrap with `from`, wrap with `to`, check that `to` can unwrap it again, then save.
 * Nothing is saved unless every step worked, so a failed change leaves the old passphrase or keychain working.
 */
export async function rewrapVault(store: WrappedKeyStore, from: KeyProvider, to: KeyProvider): Promise<void> {
  const existing = loadWrappedKey(store)
  if (existing === null) throw new AppError('NOT_FOUND', 'There is no vault yet, so there is nothing to re-protect. Open ResellerDesk once to create it.')
  const dataKey = await from.unwrap(existing)
  try {
    const rewrapped = await wrapVerified(to, dataKey)
    const current = loadWrappedKey(store)
    if (current === null || current.method !== existing.method || current.blob !== existing.blob) {
      throw new AppError('CONFLICT', 'The vault was changed by another ResellerDesk window while this change was being made. Nothing was changed; try again.')
    }
    store.save(rewrapped)
  } finally {
    dataKey.fill(0)
  }
}

/** Another process created the vault between our look and our save: its key wins, ours was never used. */
async function unwrapWinner(store: WrappedKeyStore, provider: KeyProvider): Promise<Buffer> {
  const winner = loadWrappedKey(store)
  if (winner === null) throw new AppError('INTERNAL', 'The vault could not be created. Nothing was saved; please try again.')
  return provider.unwrap(winner)
}

/**
 * Wraps and immediately unwraps again before anything is saved: a keychain that encrypts but cannot decrypt (a
 * misbehaving Linux keyring, say) would otherwise lock the shop out of its own vault.
 */
export async function wrapVerified(provider: KeyProvider, dataKey: Buffer): Promise<WrappedKey> {
  const wrapped = await provider.wrap(dataKey)
  const readBack = await provider.unwrap(wrapped)
  try {
    if (readBack.length !== dataKey.length || !timingSafeEqual(readBack, dataKey)) {
      throw new AppError('INTERNAL', 'The vault key could not be read back after protecting it, so nothing was saved. Please try again.')
    }
  } finally {
    readBack.fill(0)
  }
  return wrapped
}

/** The stored key, checked for shape: the store parses JSON from the database, so nothing here is trusted yet. */
function loadWrappedKey(store: WrappedKeyStore): WrappedKey | null {
  let raw: unknown
  try {
    raw = store.load()
  } catch (cause) {
    // Unreadable JSON is damage; anything else (a busy or closed database) is not ours to relabel.
    if (cause instanceof SyntaxError) throw storedKeyDamaged(cause)
    throw cause
  }
  if (raw === null) return null
  if (!isWrappedKey(raw)) throw storedKeyDamaged()
  return raw
}

function isWrappedKey(v: unknown): v is WrappedKey {
  if (typeof v !== 'object' || v === null) return false
  const { method, params, blob } = v as Record<string, unknown>
  if (method !== 'passphrase' && method !== 'keychain') return false
  if (typeof blob !== 'string') return false
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false
  return Object.values(params).every((x) => typeof x === 'string' || typeof x === 'number')
}
