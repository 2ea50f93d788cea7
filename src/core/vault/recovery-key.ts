// The recovery key: a second wrapping of the data key, so a backup opens on any computer even when the daily
// unlock is the OS keychain of a lost PC.
//
// Encoding: Crockford base32, 9 groups of 4 (e.g. "7KQ2-M9XD-…"). Chosen over a BIP39 word list because it needs no
// dependency, reads the same in every language the app targets (en, fr, ar, tr, ru — an English word list does not),
// is case-insensitive, and leaves out I, L, O and U, so a handwritten 0/O or 1/I/L reads back as the same key.
// 32 symbols carry 160 random bits (far beyond guessing, so no slow KDF is needed); the last 4 symbols are a
// checksum, so a typo is reported as a typo before any decryption is attempted.
import { createHash, hkdfSync, randomBytes } from 'node:crypto'
import { AppError } from '../errors'
import { GCM_OVERHEAD, gcmDecrypt, gcmEncrypt } from './aes-gcm'
import { decodeBase64Strict } from './base64'
import { DATA_KEY_BYTES } from './data-key'
import { storedKeyDamaged } from './vault-errors'

export const RECOVERY_KEY_BYTES = 20
const CHECK_SYMBOLS = 4
const DATA_SYMBOLS = (RECOVERY_KEY_BYTES * 8) / 5 // 32
const GROUP = 4
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** The data key wrapped by the recovery key, as stored (JSON) in the database and in every backup's header. */
export interface RecoveryWrapping {
  v: 1
  kdf: 'hkdf-sha256'
  salt: string
  blob: string
}

const PARAMS_VERSION = 1
const SALT_BYTES = 16
const WRAP_AAD = Buffer.from('resellerdesk:vault:recovery:v1', 'utf8')
const KEK_INFO = 'resellerdesk:recovery-kek:v1'

export function createRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_KEY_BYTES)
}

/** The key as a person writes it down: 9 groups of 4 symbols, the last group mostly checksum. */
export function formatRecoveryKey(key: Buffer): string {
  if (key.length !== RECOVERY_KEY_BYTES) throw new AppError('INTERNAL', 'The recovery key has the wrong size.')
  const symbols = toBase32(key) + checksum(key)
  return symbols.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-')
}

/**
 * Reads a recovery key typed or pasted by a person: spaces, dashes and case are ignored, O reads as 0 and I/L as 1
 * (Crockford's rule). Throws a VALIDATION error a person can act on when it is not a recovery key.
 */
export function parseRecoveryKey(text: string): Buffer {
  const symbols = text
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (symbols.length !== DATA_SYMBOLS + CHECK_SYMBOLS || ![...symbols].every((c) => ALPHABET.includes(c))) {
    throw invalidRecoveryKey('A recovery key is 36 letters and digits in 9 groups of 4, like 7KQ2-M9XD-…. Check what you typed.')
  }
  const key = fromBase32(symbols.slice(0, DATA_SYMBOLS))
  if (checksum(key) !== symbols.slice(DATA_SYMBOLS)) {
    throw invalidRecoveryKey('That recovery key has a typo: its last group does not match the rest. Check each group and try again.')
  }
  return key
}

export async function wrapWithRecoveryKey(dataKey: Buffer, recoveryKey: Buffer): Promise<RecoveryWrapping> {
  if (dataKey.length !== DATA_KEY_BYTES) throw new AppError('INTERNAL', 'The vault key has the wrong size; nothing was saved.')
  const salt = randomBytes(SALT_BYTES)
  const kek = deriveKek(recoveryKey, salt)
  try {
    return { v: PARAMS_VERSION, kdf: 'hkdf-sha256', salt: salt.toString('base64'), blob: gcmEncrypt(kek, dataKey, WRAP_AAD).toString('base64') }
  } finally {
    kek.fill(0)
  }
}

/** The data key, or a WRONG_PASSPHRASE error saying the recovery key does not open this vault. */
export function unwrapWithRecoveryKey(wrapping: unknown, recoveryKey: Buffer): Buffer {
  const w = readWrapping(wrapping)
  const kek = deriveKek(recoveryKey, w.salt)
  try {
    const dataKey = gcmDecrypt(kek, w.box, WRAP_AAD)
    if (dataKey === null) {
      throw new AppError('WRONG_PASSPHRASE', 'That recovery key does not open this vault. It belongs to another data folder, or a group was mistyped; nothing was changed.')
    }
    return dataKey
  } finally {
    kek.fill(0)
  }
}

export function isRecoveryWrapping(v: unknown): v is RecoveryWrapping {
  try {
    readWrapping(v)
    return true
  } catch {
    return false
  }
}

function readWrapping(v: unknown): { salt: Buffer; box: Buffer } {
  if (typeof v !== 'object' || v === null) throw storedKeyDamaged()
  const { v: version, kdf, salt, blob } = v as Record<string, unknown>
  if (version !== PARAMS_VERSION || kdf !== 'hkdf-sha256') throw storedKeyDamaged()
  const saltBytes = decodeBase64Strict(salt, SALT_BYTES)
  const box = decodeBase64Strict(blob, GCM_OVERHEAD + DATA_KEY_BYTES)
  if (saltBytes === null || box === null) throw storedKeyDamaged()
  return { salt: saltBytes, box }
}

/** HKDF is enough: the recovery key is 160 random bits, so there is nothing for a slow KDF to stretch. */
function deriveKek(recoveryKey: Buffer, salt: Buffer): Buffer {
  if (recoveryKey.length !== RECOVERY_KEY_BYTES) throw new AppError('INTERNAL', 'The recovery key has the wrong size.')
  return Buffer.from(hkdfSync('sha256', recoveryKey, salt, KEK_INFO, 32))
}

function invalidRecoveryKey(message: string): AppError {
  return new AppError('VALIDATION', message, { fields: { recoveryKey: message } })
}

/** 20 bits of SHA-256 over the key: a mistyped symbol is caught with odds of about a million to one. */
function checksum(key: Buffer): string {
  const digest = createHash('sha256').update('resellerdesk:recovery-check').update(key).digest()
  const bits = (digest[0]! << 12) | (digest[1]! << 4) | (digest[2]! >> 4)
  let out = ''
  for (let i = CHECK_SYMBOLS - 1; i >= 0; i--) out += ALPHABET[(bits >> (i * 5)) & 31]
  return out
}

function toBase32(bytes: Buffer): string {
  let out = ''
  let acc = 0
  let bits = 0
  for (const b of bytes) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(acc >> (bits - 5)) & 31]
      bits -= 5
    }
    acc &= (1 << bits) - 1
  }
  return out
}

function fromBase32(symbols: string): Buffer {
  const out: number[] = []
  let acc = 0
  let bits = 0
  for (const c of symbols) {
    acc = (acc << 5) | ALPHABET.indexOf(c)
    bits += 5
    if (bits >= 8) {
      out.push((acc >> (bits - 8)) & 0xff)
      bits -= 8
    }
    acc &= (1 << bits) - 1
  }
  return Buffer.from(out)
}
