// An open vault: seal/open values bound to their row, and keyed fingerprints of codes. Two independent subkeys
// are derived from the data key with HKDF, so the fingerprint key can never decrypt anything, and vice versa.
import { createHmac, createSecretKey, hkdfSync, type Hmac, type KeyObject } from 'node:crypto'
import { AppError } from '../errors'
import { GCM_OVERHEAD, gcmDecrypt, gcmEncrypt } from './aes-gcm'
import { DATA_KEY_BYTES } from './data-key'
import type { OpenVault } from './types'
import { sealedByNewerVersion, sealedValueDamaged } from './vault-errors'

/** First byte of every sealed value, so the format can change later without guessing. */
const SEAL_VERSION = 1
const SEAL_PREFIX = Buffer.from([SEAL_VERSION])
const SEALED_MIN_BYTES = SEAL_PREFIX.length + GCM_OVERHEAD

const CIPHER_KEY_INFO = 'codes+secrets:aes-256-gcm'
const FINGERPRINT_KEY_INFO = 'codes:fingerprint:hmac-sha256'
/** Authenticates whole backup files (a third independent subkey: it can neither decrypt nor fingerprint). */
const BACKUP_MAC_KEY_INFO = 'backup:file:hmac-sha256'

/** The backup files' HMAC key, for code that holds the data key but no open vault (a restore, a pre-migration backup). */
export function backupMacKey(dataKey: Buffer): KeyObject {
  if (dataKey.length !== DATA_KEY_BYTES) throw new AppError('INTERNAL', 'The vault key has the wrong size, so the backup could not be checked.')
  return deriveSubkey(dataKey, BACKUP_MAC_KEY_INFO)
}

/**
 * Opens a vault over a data key that is already unwrapped (openVault does that; tests and benchmarks call this
 * directly). No reference to `dataKey` is kept, so the caller may wipe it as soon as this returns.
 */
export function openVaultWithKey(dataKey: Buffer): OpenVault {
  if (dataKey.length !== DATA_KEY_BYTES) throw new AppError('INTERNAL', 'The vault key has the wrong size, so the vault was not opened.')
  const cipherKey = deriveSubkey(dataKey, CIPHER_KEY_INFO)
  const fingerprintKey = deriveSubkey(dataKey, FINGERPRINT_KEY_INFO)
  const backupKey = backupMacKey(dataKey)

  const vault: OpenVault = {
    seal(plaintext: string, aad: string): Buffer {
      // An empty aad would make a value movable between rows: always a programming error.
      if (aad.length === 0) throw new AppError('INTERNAL', 'A value could not be stored securely; nothing was saved.')
      return gcmEncrypt(cipherKey, Buffer.from(plaintext, 'utf8'), Buffer.from(aad, 'utf8'), SEAL_PREFIX)
    },

    open(sealed: Buffer, aad: string): string {
      if (sealed.length < SEALED_MIN_BYTES) throw sealedValueDamaged()
      const version = sealed[0] ?? 0
      if (version !== SEAL_VERSION) throw version > SEAL_VERSION ? sealedByNewerVersion() : sealedValueDamaged()
      const plaintext = gcmDecrypt(cipherKey, sealed.subarray(SEAL_PREFIX.length), Buffer.from(aad, 'utf8'))
      if (plaintext === null) throw sealedValueDamaged()
      const text = plaintext.toString('utf8')
      plaintext.fill(0) // the string copy is the caller's; the bytes need not linger
      return text
    },

    fingerprint(code: string): Buffer {
      // Trimmed (pasted or delivered codes pick up whitespace) but case kept: some upstreams' codes are case-sensitive.
      return createHmac('sha256', fingerprintKey).update(code.trim(), 'utf8').digest()
    },

    backupMac(): Hmac {
      return createHmac('sha256', backupKey)
    }
  }
  return Object.freeze(vault)
}

/**
 * HKDF-SHA-256 with no salt (the data key is already uniformly random, RFC 5869 §3.1) and `info` naming the use.
 * The subkey goes into a KeyObject, which keeps it in native memory out of reach of heap inspection from JS;
 * the temporary JS copy is wiped.
 */
function deriveSubkey(dataKey: Buffer, info: string): KeyObject {
  const raw = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32))
  try {
    return createSecretKey(raw)
  } finally {
    raw.fill(0)
  }
}
