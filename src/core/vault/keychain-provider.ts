// Wraps the data key with the OS keychain through an injected backend shaped like Electron's safeStorage
// (DPAPI on Windows, Keychain on macOS, libsecret/KWallet on Linux). Electron-free: main passes safeStorage in.
// Like Signal Desktop, a Linux backend that stores with a hard-coded key counts as no keychain at all.
import { AppError } from '../errors'
import { DATA_KEY_BYTES } from './data-key'
import type { KeyProvider, WrappedKey } from './types'
import { decodeBase64Strict } from './base64'
import { keychainCannotOpen, keychainUnavailable, protectedByPassphrase, storedKeyDamaged } from './vault-errors'

export interface KeychainBackend {
  isEncryptionAvailable(): boolean
  encryptString(s: string): Buffer
  decryptString(b: Buffer): string
  /** Linux only; e.g. 'basic_text', 'gnome_libsecret', 'kwallet5' */
  getSelectedStorageBackend?(): string
}

export type KeychainUsability = { usable: true } | { usable: false; reason: string }

/**
 * Linux backends that really protect the key. An allowlist rather than a denylist of 'basic_text'/'unknown': a
 * backend we have not heard of falls back to a passphrase instead of possibly storing the key with no protection.
 */
const PROTECTING_LINUX_BACKENDS: ReadonlySet<string> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])

const PARAMS_VERSION = 1
/** Canonical base64 of exactly 32 bytes: what wrap encrypts. Also catches garbage from a wrong-key CBC decrypt. */
const DATA_KEY_BASE64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/

export function keychainUsable(backend: KeychainBackend, platform: NodeJS.Platform = process.platform): KeychainUsability {
  let available = false
  try {
    available = backend.isEncryptionAvailable()
  } catch {
    available = false
  }
  if (!available) return { usable: false, reason: "This computer's keychain is not available to ResellerDesk." }
  if (platform === 'linux') {
    // Only meaningful after Electron's app 'ready'; before that Electron reports 'unknown', which we refuse.
    const selected = backend.getSelectedStorageBackend?.() ?? 'unknown'
    if (!PROTECTING_LINUX_BACKENDS.has(selected)) {
      return {
        usable: false,
        reason:
          'No desktop keyring (such as GNOME Keyring or KWallet) is running, so the keychain would keep the vault key ' +
          'without real protection.'
      }
    }
  }
  return { usable: true }
}

export function createKeychainKeyProvider(
  backend: KeychainBackend,
  opts: { platform?: NodeJS.Platform } = {}
): KeyProvider {
  const platform = opts.platform ?? process.platform

  return {
    method: 'keychain',

    async wrap(dataKey: Buffer): Promise<WrappedKey> {
      if (dataKey.length !== DATA_KEY_BYTES) throw new AppError('INTERNAL', 'The vault key has the wrong size; nothing was saved.')
      const usability = keychainUsable(backend, platform)
      if (!usability.usable) throw keychainUnavailable(usability.reason)
      // The base64 string is a copy of the key we cannot wipe (JS strings are immutable); it becomes garbage at once.
      let encrypted: Buffer
      try {
        encrypted = backend.encryptString(dataKey.toString('base64'))
      } catch (cause) {
        throw new AppError('UNSUPPORTED', "This computer's keychain refused to store the vault key. Protect the vault with a passphrase instead.", { cause })
      }
      const params: WrappedKey['params'] = { v: PARAMS_VERSION, platform }
      const selected = platform === 'linux' ? backend.getSelectedStorageBackend?.() : undefined
      if (selected !== undefined) params['backend'] = selected // diagnostics only: which keyring holds the key
      return { method: 'keychain', params, blob: encrypted.toString('base64') }
    },

    async unwrap(wrapped: WrappedKey): Promise<Buffer> {
      if (wrapped.method === 'passphrase') throw protectedByPassphrase()
      if (wrapped.method !== 'keychain' || wrapped.params['v'] !== PARAMS_VERSION) throw storedKeyDamaged()
      const encrypted = decodeBase64Strict(wrapped.blob)
      if (encrypted === null || encrypted.length === 0) throw storedKeyDamaged()
      let decrypted: string
      try {
        decrypted = backend.decryptString(encrypted)
      } catch (cause) {
        throw keychainCannotOpen(cause)
      }
      // Not every keychain authenticates (safeStorage on macOS/Linux is AES-CBC without a MAC): a wrong key can
      // decrypt to garbage instead of failing. Anything but our exact format means this keychain cannot open it.
      if (!DATA_KEY_BASE64.test(decrypted)) throw keychainCannotOpen()
      return Buffer.from(decrypted, 'base64')
    }
  }
}
