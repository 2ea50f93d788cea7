// The demo vault is thrown away with the demo (fresh simulators, fresh data each start), so its key is wrapped
// with a random passphrase that lives only in memory: nothing secret is ever stored unwrapped, even in a demo.
import { randomBytes } from 'node:crypto'
import { createPassphraseKeyProvider } from '../vault/passphrase-provider'
import type { KeyProvider } from '../vault/types'

export function createEphemeralKeyProvider(): KeyProvider {
  return createPassphraseKeyProvider(randomBytes(32).toString('hex'), { cost: { N: 2 ** 12, r: 8, p: 1 } })
}
