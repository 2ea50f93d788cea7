// AES-256-GCM on byte layouts `prefix ‖ iv(12) ‖ tag(16) ‖ ciphertext`, shared by sealed values and the
// passphrase-wrapped key. A new cipher object per call: GCM must never see the same (key, IV) twice.
import { createCipheriv, createDecipheriv, type CipherKey } from 'node:crypto'
import { IV_BYTES, nextIv } from './iv-source'

export const TAG_BYTES = 16
export const GCM_OVERHEAD = IV_BYTES + TAG_BYTES

/** Encrypts with a fresh IV; returns prefix ‖ iv ‖ tag ‖ ciphertext in one buffer. */
export function gcmEncrypt(key: CipherKey, plaintext: Buffer, aad: Buffer, prefix: Buffer = EMPTY): Buffer {
  const iv = nextIv()
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const ciphertext = cipher.update(plaintext)
  cipher.final() // GCM is a stream mode: final() emits nothing, it computes the tag
  const tagAt = prefix.length + IV_BYTES
  const out = Buffer.allocUnsafe(tagAt + TAG_BYTES + ciphertext.length)
  prefix.copy(out, 0)
  iv.copy(out, prefix.length)
  cipher.getAuthTag().copy(out, tagAt)
  ciphertext.copy(out, tagAt + TAG_BYTES)
  return out
}

/**
 * Decrypts `iv ‖ tag ‖ ciphertext` (the prefix already removed). Returns null when authentication fails
 * (wrong key, wrong aad, altered bytes) so each caller can say what that means in its own terms.
 */
export function gcmDecrypt(key: CipherKey, box: Buffer, aad: Buffer): Buffer | null {
  if (box.length < GCM_OVERHEAD) return null
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(box.subarray(IV_BYTES, GCM_OVERHEAD))
  const plaintext = decipher.update(box.subarray(GCM_OVERHEAD))
  try {
    decipher.final()
  } catch {
    plaintext.fill(0) // unauthenticated output must not be used, nor linger
    return null
  }
  return plaintext
}

const EMPTY = Buffer.alloc(0)
