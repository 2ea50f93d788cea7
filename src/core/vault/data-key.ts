// The vault's data key: 32 random bytes from the OS CSPRNG. Everything sealed at rest derives from it, and it is
// only ever stored wrapped (see KeyProvider).
import { randomBytes } from 'node:crypto'

export const DATA_KEY_BYTES = 32

export function createDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES)
}
