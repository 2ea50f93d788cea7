// Wraps the data key under a passphrase: scrypt derives a key-encryption key (KEK) from the passphrase and a random
// salt, and AES-256-GCM wraps the data key with it. The cost (N, r, p) and salt are stored with the wrapped key, so
// the default can be raised later and old vaults still open with the cost they were made with.
import { randomBytes, scrypt } from 'node:crypto'
import { AppError } from '../errors'
import { GCM_OVERHEAD, gcmDecrypt, gcmEncrypt } from './aes-gcm'
import { decodeBase64Strict } from './base64'
import { DATA_KEY_BYTES } from './data-key'
import type { KeyProvider, WrappedKey } from './types'
import { emptyPassphrase, protectedByKeychain, storedKeyDamaged, wrongPassphrase } from './vault-errors'

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number
  /** Block size. */
  r: number
  /** Parallelism. */
  p: number
}

/** ≈ 90 ms and 32 MiB on the reference machine (STACK.md): once per unlock, slow enough to make guessing costly. */
export const DEFAULT_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 })

export const PASSPHRASE_ENV_VAR = 'RESELLERDESK_PASSPHRASE'

const PARAMS_VERSION = 1
const SALT_BYTES = 16
const KEK_BYTES = 32
/** Binds the wrapped key to its purpose and format version. */
const WRAP_AAD = Buffer.from('resellerdesk:vault:v1', 'utf8')

// Bounds on the cost, checked both when creating a provider and when reading a stored key. The floor keeps a
// misconfiguration from producing a weak vault; the ceiling keeps a damaged or hostile value from asking for
// gigabytes of memory.
const MIN_N = 2 ** 10
const MAX_N = 2 ** 20
const MAX_R = 32
const MAX_P = 16
const MAX_SCRYPT_MEMORY = 2 ** 30

export function createPassphraseKeyProvider(passphrase: string, opts: { cost?: ScryptCost } = {}): KeyProvider {
  if (passphrase.length === 0) throw emptyPassphrase()
  const cost = opts.cost ?? DEFAULT_SCRYPT_COST
  if (!isAcceptableCost(cost)) {
    throw new AppError(
      'VALIDATION',
      `The scrypt cost must have N a power of two from 2^10 to 2^20, r from 1 to ${MAX_R}, p from 1 to ${MAX_P}, and need at most 1 GiB.`
    )
  }
  // NFC: the same passphrase typed on macOS and on Windows can reach us in different Unicode forms.
  // Kept as bytes, not the string: a JS string cannot be wiped, and the caller's copy is out of our hands anyway.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8')

  return {
    method: 'passphrase',

    async wrap(dataKey: Buffer): Promise<WrappedKey> {
      if (dataKey.length !== DATA_KEY_BYTES) throw new AppError('INTERNAL', 'The vault key has the wrong size; nothing was saved.')
      const salt = randomBytes(SALT_BYTES)
      const kek = await deriveKek(secret, salt, cost)
      try {
        const box = gcmEncrypt(kek, dataKey, WRAP_AAD)
        return {
          method: 'passphrase',
          params: { v: PARAMS_VERSION, kdf: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64') },
          blob: box.toString('base64')
        }
      } finally {
        kek.fill(0)
      }
    },

    async unwrap(wrapped: WrappedKey): Promise<Buffer> {
      if (wrapped.method === 'keychain') throw protectedByKeychain()
      const stored = readStoredParams(wrapped)
      const kek = await deriveKek(secret, stored.salt, stored.cost)
      try {
        // GCM authentication is the passphrase check: a wrong passphrase gives a wrong KEK, and the tag fails.
        const dataKey = gcmDecrypt(kek, stored.box, WRAP_AAD)
        if (dataKey === null) throw wrongPassphrase()
        return dataKey
      } finally {
        kek.fill(0)
      }
    }
  }
}

/**
 * The CLI's passphrase, from RESELLERDESK_PASSPHRASE; null when unset or empty. A trailing line ending is dropped:
 * values read from files (env files, `$(cat …)` on Windows) often carry one, and nobody types it in the app.
 */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[PASSPHRASE_ENV_VAR]?.replace(/[\r\n]+$/, '')
  return value ? value : null
}

interface StoredParams {
  cost: ScryptCost
  salt: Buffer
  box: Buffer
}

/** Validates everything read from the store before it reaches scrypt or AES; anything off is damage, not a wrong passphrase. */
function readStoredParams(wrapped: WrappedKey): StoredParams {
  if (wrapped.method !== 'passphrase') throw storedKeyDamaged()
  const { v, kdf, N, r, p, salt } = wrapped.params
  if (v !== PARAMS_VERSION || kdf !== 'scrypt') throw storedKeyDamaged()
  if (typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number') throw storedKeyDamaged()
  const cost = { N, r, p }
  if (!isAcceptableCost(cost)) throw storedKeyDamaged()
  const saltBytes = decodeBase64Strict(salt, SALT_BYTES)
  const box = decodeBase64Strict(wrapped.blob, GCM_OVERHEAD + DATA_KEY_BYTES)
  if (saltBytes === null || box === null) throw storedKeyDamaged()
  return { cost, salt: saltBytes, box }
}

function isAcceptableCost({ N, r, p }: ScryptCost): boolean {
  const powerOfTwo = Number.isInteger(N) && N > 0 && (N & (N - 1)) === 0
  return (
    powerOfTwo &&
    N >= MIN_N &&
    N <= MAX_N &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= MAX_R &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= MAX_P &&
    scryptMemory({ N, r, p }) <= MAX_SCRYPT_MEMORY
  )
}

/** What OpenSSL's scrypt allocates (its own maxmem check): V = 128·r·(N+2) bytes plus B = 128·r·p bytes. */
function scryptMemory({ N, r, p }: ScryptCost): number {
  return 128 * r * (N + 2) + 128 * r * p
}

/** Asynchronous on purpose: in the app this runs in Electron's main process, which must not freeze for ~100 ms. */
function deriveKek(secret: Buffer, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is just below what the default cost needs.
  const maxmem = scryptMemory(cost) + 2 ** 20
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEK_BYTES, { N: cost.N, r: cost.r, p: cost.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)))
  })
}
