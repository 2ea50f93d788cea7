// Keeps every vault's second wrapping by a recovery key: made when the vault is created, and on the first unlock of
// a vault made before recovery keys existed. The recovery key itself is kept sealed by the data key, so it can be
// shown again to whoever can unlock the vault — and to nobody else.
import type { OpenVault, KeyProvider, WrappedKeyStore } from './types'
import { AppError } from '../errors'
import { openVaultWithKey } from './open-vault'
import { createRecoveryKey, formatRecoveryKey, isRecoveryWrapping, parseRecoveryKey, unwrapWithRecoveryKey, wrapWithRecoveryKey, type RecoveryWrapping } from './recovery-key'
import { unlockDataKey } from './vault'
import { storedKeyDamaged } from './vault-errors'

export interface StoredRecovery {
  wrapping: unknown
  sealedKey: Buffer
  acknowledgedAt: string | null
}

export interface RecoveryStore {
  load(): StoredRecovery | null
  /** First writer wins (app and CLI unlocking an old vault at the same moment must agree on one recovery key). */
  saveIfAbsent(wrapping: RecoveryWrapping, sealedKey: Buffer): boolean
  /** Replaces the recovery key (a new one was made on purpose); the new one is not yet written down. */
  replace(wrapping: RecoveryWrapping, sealedKey: Buffer): void
  acknowledge(at: string): void
}

/** The aad of the sealed recovery key: binds it to its one place. */
const SEALED_AAD = 'vault:recovery-key'

export interface OpenedVault {
  vault: OpenVault
  /** Set only when this unlock created the recovery key: the caller must show it to the person now. */
  newRecoveryKey: string | null
}

/** Opens (or creates) the vault and makes sure it has a recovery key. */
export async function openVaultWithRecovery(store: WrappedKeyStore, recovery: RecoveryStore, provider: KeyProvider): Promise<OpenedVault> {
  const dataKey = await unlockDataKey(store, provider)
  try {
    const vault = openVaultWithKey(dataKey)
    if (recovery.load() !== null) return { vault, newRecoveryKey: null }
    const made = await makeRecoveryKey(dataKey, vault)
    const saved = recovery.saveIfAbsent(made.wrapping, made.sealed)
    return { vault, newRecoveryKey: saved ? made.words : null }
  } finally {
    dataKey.fill(0)
  }
}

async function makeRecoveryKey(dataKey: Buffer, vault: OpenVault): Promise<{ words: string; wrapping: RecoveryWrapping; sealed: Buffer }> {
  const key = createRecoveryKey()
  try {
    const words = formatRecoveryKey(key)
    const wrapping = await wrapWithRecoveryKey(dataKey, key)
    // Checked before it is saved, like every wrapping: a recovery key that cannot open the vault is worse than none.
    unwrapWithRecoveryKey(wrapping, key).fill(0)
    return { words, wrapping, sealed: vault.seal(words, SEALED_AAD) }
  } finally {
    key.fill(0)
  }
}

/**
 * A new recovery key in place of the old one (the old one was seen by someone, or lost). Needs the unlocking
 * provider, because the data key itself is wrapped anew. Backups made before keep the old wrapping in their
 * header: they still open with the old key, and not with the new one.
 */
export async function replaceRecoveryKey(store: WrappedKeyStore, recovery: RecoveryStore, provider: KeyProvider): Promise<string> {
  const dataKey = await unlockDataKey(store, provider)
  try {
    const made = await makeRecoveryKey(dataKey, openVaultWithKey(dataKey))
    recovery.replace(made.wrapping, made.sealed)
    return made.words
  } finally {
    dataKey.fill(0)
  }
}

/** The recovery key in words, for a person who has unlocked the vault. */
export function revealRecoveryKey(vault: OpenVault, recovery: RecoveryStore): string {
  const stored = recovery.load()
  if (stored === null) throw new AppError('NOT_FOUND', 'This vault has no recovery key yet. Unlock it once and one is made.')
  return vault.open(stored.sealedKey, SEALED_AAD)
}

/** The stored recovery wrapping, checked for shape (it goes into every backup). */
export function recoveryWrapping(recovery: RecoveryStore): RecoveryWrapping | null {
  const stored = recovery.load()
  if (stored === null) return null
  if (!isRecoveryWrapping(stored.wrapping)) throw storedKeyDamaged()
  return stored.wrapping
}

/** The data key from a recovery key typed by a person (restore on another computer). The caller wipes it. */
export function dataKeyFromRecoveryKey(wrapping: unknown, typed: string): Buffer {
  const key = parseRecoveryKey(typed)
  try {
    return unwrapWithRecoveryKey(wrapping, key)
  } finally {
    key.fill(0)
  }
}
