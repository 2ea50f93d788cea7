import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AppError, type ErrorCode } from '../../src/core/errors'
import { openMemoryDatabase } from '../../src/core/db/open'
import { VaultMetaRepo } from '../../src/core/db/vault-meta-repo'
import { createDataKey } from '../../src/core/vault/data-key'
import {
  createKeychainKeyProvider,
  keychainUsable,
  type KeychainBackend
} from '../../src/core/vault/keychain-provider'
import {
  createPassphraseKeyProvider,
  DEFAULT_SCRYPT_COST,
  passphraseFromEnv,
  type ScryptCost
} from '../../src/core/vault/passphrase-provider'
import type { KeyProvider, WrappedKey, WrappedKeyStore } from '../../src/core/vault/types'
import { openVault, openVaultWithKey, rewrapVault, vaultExists, vaultMethod } from '../../src/core/vault/vault'

// Low scrypt cost so the suite stays fast; one test below runs the default cost.
const FAST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 }
const passphrase = (pw: string, cost: ScryptCost = FAST): KeyProvider => createPassphraseKeyProvider(pw, { cost })

const CORRUPT_MESSAGE = 'A stored code could not be decrypted: it was altered or belongs to another record.'
const WRONG_PASSPHRASE_MESSAGE = 'That passphrase does not open this vault. Check it and try again; nothing was changed.'

/** An in-memory store that, like the database, keeps JSON text (so tests see exactly what would be stored). */
class MemoryStore implements WrappedKeyStore {
  json: string | null = null
  saves = 0
  load(): WrappedKey | null {
    return this.json === null ? null : (JSON.parse(this.json) as WrappedKey)
  }
  save(key: WrappedKey): void {
    this.saves++
    this.json = JSON.stringify(key)
  }
}

/** Same store with an atomic insert-if-absent, as the SQLite repo can offer. */
class AtomicMemoryStore extends MemoryStore {
  saveIfAbsent(key: WrappedKey): boolean {
    if (this.json !== null) return false
    this.save(key)
    return true
  }
}

function expectAppError(fn: () => unknown, code: ErrorCode, message?: string): void {
  let thrown: unknown
  try {
    fn()
  } catch (e) {
    thrown = e
  }
  expect(thrown).toBeInstanceOf(AppError)
  expect((thrown as AppError).code).toBe(code)
  if (message !== undefined) expect((thrown as AppError).message).toBe(message)
}

async function expectAppErrorAsync(p: Promise<unknown>, code: ErrorCode, message?: string): Promise<AppError> {
  const thrown = await p.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(thrown).toBeInstanceOf(AppError)
  expect((thrown as AppError).code).toBe(code)
  if (message !== undefined) expect((thrown as AppError).message).toBe(message)
  return thrown as AppError
}

/** Records (a copy of) the data key a provider is asked to wrap, and the very buffer it was given. */
function spyOnWrap(provider: KeyProvider): { provider: KeyProvider; keys: Buffer[]; given: Buffer[] } {
  const keys: Buffer[] = []
  const given: Buffer[] = []
  return {
    keys,
    given,
    provider: {
      method: provider.method,
      wrap: (dataKey) => {
        keys.push(Buffer.from(dataKey))
        given.push(dataKey)
        return provider.wrap(dataKey)
      },
      unwrap: (w) => provider.unwrap(w)
    }
  }
}

function expectNoSecretIn(json: string, dataKey: Buffer): void {
  expect(dataKey.every((b) => b === 0)).toBe(false) // a real key, not an already wiped one
  for (const form of [dataKey.toString('hex'), dataKey.toString('base64'), dataKey.toString('base64url')]) {
    expect(json).not.toContain(form)
    expect(json.toLowerCase()).not.toContain(form.toLowerCase())
  }
}

/**
 * A keychain like safeStorage on one computer: its own secret key. Another instance is "another computer".
 * `garbleOnWrongKey` mimics AES-CBC without a MAC: a foreign blob decrypts to junk instead of throwing.
 */
function fakeKeychain(opts: { backend?: string; available?: boolean; garbleOnWrongKey?: boolean; decryptAlwaysFails?: boolean } = {}): KeychainBackend {
  const key = randomBytes(32)
  const backend: KeychainBackend = {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString(s: string): Buffer {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const ct = Buffer.concat([c.update(s, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), ct])
    },
    decryptString(b: Buffer): string {
      if (opts.decryptAlwaysFails) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12))
      d.setAuthTag(b.subarray(12, 28))
      try {
        return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8')
      } catch (e) {
        if (opts.garbleOnWrongKey) return randomBytes(b.length - 28).toString('latin1')
        throw e
      }
    }
  }
  if (opts.backend !== undefined) {
    const name = opts.backend
    backend.getSelectedStorageBackend = () => name
  }
  return backend
}

describe('sealing codes and secrets', () => {
  const vault = openVaultWithKey(createDataKey())

  it('opens what it sealed, for any text', () => {
    for (const text of ['ABCD-EFGH-IJKL-MNOP', '', 'sk_live_ü€𝄞', 'x'.repeat(10_000)]) {
      expect(vault.open(vault.seal(text, 'code:1'), 'code:1')).toBe(text)
    }
  })

  it('uses a fresh IV every time: the same code sealed twice gives different bytes', () => {
    const a = vault.seal('ABCD-EFGH', 'code:1')
    const b = vault.seal('ABCD-EFGH', 'code:1')
    expect(a.equals(b)).toBe(false)
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false)
    const ivs = new Set(Array.from({ length: 5000 }, () => vault.seal('x', 'code:1').subarray(1, 13).toString('hex')))
    expect(ivs.size).toBe(5000)
  })

  it('lays out version ‖ iv ‖ tag ‖ ciphertext', () => {
    const sealed = vault.seal('ABCD-EFGH', 'code:1')
    expect(sealed[0]).toBe(1)
    expect(sealed.length).toBe(1 + 12 + 16 + Buffer.byteLength('ABCD-EFGH'))
  })

  it('refuses the wrong aad: a code sealed for row A cannot be opened as row B', () => {
    const sealed = vault.seal('ABCD-EFGH', 'code:A')
    expectAppError(() => vault.open(sealed, 'code:B'), 'VAULT_CORRUPT', CORRUPT_MESSAGE)
    expectAppError(() => vault.open(sealed, 'account:A'), 'VAULT_CORRUPT', CORRUPT_MESSAGE)
    expect(vault.open(sealed, 'code:A')).toBe('ABCD-EFGH')
  })

  it('refuses a value with any single byte altered', () => {
    const sealed = vault.seal('ABCD-EFGH-IJKL', 'code:1')
    for (let i = 1; i < sealed.length; i++) {
      const tampered = Buffer.from(sealed)
      tampered[i] = (tampered[i] ?? 0) ^ 0x01
      expectAppError(() => vault.open(tampered, 'code:1'), 'VAULT_CORRUPT', CORRUPT_MESSAGE)
    }
  })

  it('refuses truncated or extended buffers', () => {
    const sealed = vault.seal('ABCD-EFGH', 'code:1')
    for (const bad of [Buffer.alloc(0), sealed.subarray(0, 1), sealed.subarray(0, 28), sealed.subarray(0, 29), sealed.subarray(0, sealed.length - 1), Buffer.concat([sealed, Buffer.from([0])])]) {
      expectAppError(() => vault.open(bad, 'code:1'), 'VAULT_CORRUPT')
    }
  })

  it('refuses an unknown format version, naming a newer app as the likely cause', () => {
    const sealed = vault.seal('ABCD', 'code:1')
    const v2 = Buffer.from(sealed)
    v2[0] = 2
    const err = (() => {
      try {
        vault.open(v2, 'code:1')
      } catch (e) {
        return e as AppError
      }
      return null
    })()
    expect(err?.code).toBe('VAULT_CORRUPT')
    expect(err?.message).toMatch(/newer version/)
    const v0 = Buffer.from(sealed)
    v0[0] = 0
    expectAppError(() => vault.open(v0, 'code:1'), 'VAULT_CORRUPT', CORRUPT_MESSAGE)
  })

  it('refuses a value sealed under another data key', () => {
    const other = openVaultWithKey(createDataKey())
    expectAppError(() => other.open(vault.seal('ABCD', 'code:1'), 'code:1'), 'VAULT_CORRUPT', CORRUPT_MESSAGE)
  })

  it('will not seal without a row binding', () => {
    expectAppError(() => vault.seal('ABCD', ''), 'INTERNAL')
  })

  it('fingerprints: 32 bytes, stable, trimmed, case-sensitive, and keyed', () => {
    const fp = vault.fingerprint('ABCD-EFGH')
    expect(fp.length).toBe(32)
    expect(vault.fingerprint('ABCD-EFGH').equals(fp)).toBe(true)
    expect(vault.fingerprint('  ABCD-EFGH\n').equals(fp)).toBe(true)
    expect(vault.fingerprint('abcd-efgh').equals(fp)).toBe(false)
    expect(vault.fingerprint('ABCD-EFGI').equals(fp)).toBe(false)
    expect(openVaultWithKey(createDataKey()).fingerprint('ABCD-EFGH').equals(fp)).toBe(false)
  })

  it('pins the key derivation and format, so data written today opens in every later version', () => {
    const dataKey = Buffer.alloc(32, 7)
    const v = openVaultWithKey(dataKey)
    const sub = (info: string): Buffer => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32))
    const expectedFp = createHmac('sha256', sub('codes:fingerprint:hmac-sha256')).update('ABCD', 'utf8').digest()
    expect(v.fingerprint(' ABCD ').equals(expectedFp)).toBe(true)

    const iv = Buffer.alloc(12, 1)
    const c = createCipheriv('aes-256-gcm', sub('codes+secrets:aes-256-gcm'), iv)
    c.setAAD(Buffer.from('code:42'))
    const ct = Buffer.concat([c.update('ABCD', 'utf8'), c.final()])
    const sealedByHand = Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), ct])
    expect(v.open(sealedByHand, 'code:42')).toBe('ABCD')
  })

  it('rejects a data key of the wrong size', () => {
    expectAppError(() => openVaultWithKey(Buffer.alloc(16)), 'INTERNAL')
  })
})

describe('passphrase key provider', () => {
  it('rejects an empty passphrase', () => {
    expectAppError(() => createPassphraseKeyProvider(''), 'VALIDATION')
  })

  it('rejects a cost below the floor or above the ceiling', () => {
    for (const cost of [{ N: 2 ** 9, r: 8, p: 1 }, { N: 3000, r: 8, p: 1 }, { N: 2 ** 21, r: 8, p: 1 }, { N: 2 ** 20, r: 16, p: 1 }, { N: 2 ** 10, r: 0, p: 1 }]) {
      expectAppError(() => createPassphraseKeyProvider('pw', { cost }), 'VALIDATION')
    }
  })

  it('stores cost, salt and version with the wrapped key, and nothing secret', async () => {
    const dataKey = createDataKey()
    const wrapped = await passphrase('correct horse').wrap(dataKey)
    expect(wrapped.method).toBe('passphrase')
    expect(wrapped.params).toMatchObject({ v: 1, kdf: 'scrypt', N: 2 ** 10, r: 8, p: 1 })
    expect(Buffer.from(String(wrapped.params['salt']), 'base64').length).toBe(16)
    expect(Buffer.from(wrapped.blob, 'base64').length).toBe(12 + 16 + 32)
    expectNoSecretIn(JSON.stringify(wrapped), dataKey)
    expect(JSON.stringify(wrapped)).not.toContain('correct horse')
  })

  it('wraps with a fresh salt and IV each time', async () => {
    const dataKey = createDataKey()
    const p = passphrase('pw')
    const [a, b] = [await p.wrap(dataKey), await p.wrap(dataKey)]
    expect(a.params['salt']).not.toBe(b.params['salt'])
    expect(a.blob).not.toBe(b.blob)
  })

  it('unwraps with the right passphrase, and says WRONG_PASSPHRASE otherwise', async () => {
    const dataKey = createDataKey()
    const wrapped = await passphrase('right one').wrap(dataKey)
    expect((await passphrase('right one').unwrap(wrapped)).equals(dataKey)).toBe(true)
    await expectAppErrorAsync(passphrase('wrong one').unwrap(wrapped), 'WRONG_PASSPHRASE', WRONG_PASSPHRASE_MESSAGE)
    await expectAppErrorAsync(passphrase('right one ').unwrap(wrapped), 'WRONG_PASSPHRASE')
  })

  it('unwraps with the cost stored in the key, not the provider default (so the default can be raised later)', async () => {
    const dataKey = createDataKey()
    const wrapped = await passphrase('pw', { N: 2 ** 11, r: 8, p: 1 }).wrap(dataKey)
    expect((await passphrase('pw', FAST).unwrap(wrapped)).equals(dataKey)).toBe(true)
  })

  it('treats differently composed Unicode of the same passphrase as the same passphrase', async () => {
    const dataKey = createDataKey()
    const wrapped = await passphrase('Cafe\u0301 crème').wrap(dataKey) // decomposed é
    expect((await passphrase('Caf\u00e9 crème').unwrap(wrapped)).equals(dataKey)).toBe(true)
  })

  it('says VAULT_LOCKED, plainly, for a vault protected by the keychain', async () => {
    const keychainWrapped: WrappedKey = { method: 'keychain', params: { v: 1, platform: 'darwin' }, blob: 'AAAA' }
    const err = await expectAppErrorAsync(passphrase('pw').unwrap(keychainWrapped), 'VAULT_LOCKED')
    expect(err.message).toMatch(/keychain of the computer/)
  })

  it('says VAULT_CORRUPT for damaged parameters, before spending any time on scrypt', async () => {
    const good = await passphrase('pw').wrap(createDataKey())
    const damaged: Array<Partial<WrappedKey> & { params?: WrappedKey['params'] }> = [
      { params: { ...good.params, N: 1000 } },
      { params: { ...good.params, N: 2 ** 30 } },
      { params: { ...good.params, N: '1024' } },
      { params: { ...good.params, r: 0 } },
      { params: { ...good.params, kdf: 'pbkdf2' } },
      { params: { ...good.params, v: 2 } },
      { params: { ...good.params, salt: 'AAAA' } },
      { params: { ...good.params, salt: `${String(good.params['salt'])}!` } },
      { blob: good.blob.slice(0, -4) },
      { blob: `${good.blob} ` }
    ]
    for (const change of damaged) {
      await expectAppErrorAsync(passphrase('pw').unwrap({ ...good, ...change }), 'VAULT_CORRUPT')
    }
  })

  it('runs the default cost (N=2^15, r=8, p=1) and reports how long an unlock takes', async () => {
    const p = createPassphraseKeyProvider('a real passphrase')
    const dataKey = createDataKey()
    const wrapped = await p.wrap(dataKey)
    expect(wrapped.params).toMatchObject({ N: DEFAULT_SCRYPT_COST.N, r: 8, p: 1 })
    const started = performance.now()
    const back = await p.unwrap(wrapped)
    const ms = performance.now() - started
    expect(back.equals(dataKey)).toBe(true)
    console.log(`default-cost unwrap: ${ms.toFixed(0)} ms`)
    expect(ms).toBeLessThan(2000)
  })

  it('reads the CLI passphrase from RESELLERDESK_PASSPHRASE', () => {
    expect(passphraseFromEnv({})).toBeNull()
    expect(passphraseFromEnv({ RESELLERDESK_PASSPHRASE: '' })).toBeNull()
    expect(passphraseFromEnv({ RESELLERDESK_PASSPHRASE: ' spaced pass ' })).toBe(' spaced pass ')
    expect(passphraseFromEnv({ RESELLERDESK_PASSPHRASE: 'from a file\r\n' })).toBe('from a file')
  })
})

describe('keychain key provider', () => {
  it('counts a keychain as usable only when it really protects the key', () => {
    expect(keychainUsable(fakeKeychain({ available: false }), 'darwin').usable).toBe(false)
    expect(keychainUsable(fakeKeychain({ backend: 'basic_text' }), 'linux').usable).toBe(false)
    expect(keychainUsable(fakeKeychain({ backend: 'unknown' }), 'linux').usable).toBe(false)
    expect(keychainUsable(fakeKeychain(), 'linux').usable).toBe(false) // cannot tell which backend
    expect(keychainUsable(fakeKeychain({ backend: 'gnome_libsecret' }), 'linux').usable).toBe(true)
    expect(keychainUsable(fakeKeychain({ backend: 'kwallet5' }), 'linux').usable).toBe(true)
    expect(keychainUsable(fakeKeychain(), 'darwin').usable).toBe(true)
    expect(keychainUsable(fakeKeychain(), 'win32').usable).toBe(true)
    const throwing: KeychainBackend = { ...fakeKeychain(), isEncryptionAvailable: () => { throw new Error('not ready') } }
    expect(keychainUsable(throwing, 'darwin').usable).toBe(false)
    const refused = keychainUsable(fakeKeychain({ backend: 'basic_text' }), 'linux')
    expect(refused.usable === false && refused.reason.length > 0).toBe(true)
  })

  it('refuses to create a vault over basic_text on Linux, and saves nothing', async () => {
    const store = new MemoryStore()
    const provider = createKeychainKeyProvider(fakeKeychain({ backend: 'basic_text' }), { platform: 'linux' })
    await expectAppErrorAsync(openVault(store, provider), 'UNSUPPORTED')
    expect(store.json).toBeNull()
  })

  it('round-trips with a usable backend, and stores nothing secret', async () => {
    const keychain = fakeKeychain({ backend: 'gnome_libsecret' })
    const store = new MemoryStore()
    const spy = spyOnWrap(createKeychainKeyProvider(keychain, { platform: 'linux' }))
    const created = await openVault(store, spy.provider)
    const sealed = created.seal('ABCD-EFGH', 'code:1')
    expect(vaultMethod(store)).toBe('keychain')
    expect(store.load()?.params).toMatchObject({ v: 1, platform: 'linux', backend: 'gnome_libsecret' })
    expectNoSecretIn(store.json ?? '', spy.keys[0] ?? Buffer.alloc(0))

    const reopened = await openVault(store, createKeychainKeyProvider(keychain, { platform: 'linux' }))
    expect(reopened.open(sealed, 'code:1')).toBe('ABCD-EFGH')
  })

  it("says VAULT_LOCKED when this computer's keychain cannot open the key", async () => {
    const store = new MemoryStore()
    await openVault(store, createKeychainKeyProvider(fakeKeychain(), { platform: 'darwin' }))
    const before = store.json
    await expectAppErrorAsync(openVault(store, createKeychainKeyProvider(fakeKeychain(), { platform: 'darwin' })), 'VAULT_LOCKED')
    await expectAppErrorAsync(openVault(store, createKeychainKeyProvider(fakeKeychain({ garbleOnWrongKey: true }), { platform: 'darwin' })), 'VAULT_LOCKED')
    expect(store.json).toBe(before)
  })

  it('says VAULT_LOCKED when asked to open a passphrase vault', async () => {
    const store = new MemoryStore()
    await openVault(store, passphrase('pw'))
    const err = await expectAppErrorAsync(openVault(store, createKeychainKeyProvider(fakeKeychain(), { platform: 'darwin' })), 'VAULT_LOCKED')
    expect(err.message).toMatch(/passphrase/)
  })

  it('does not create a vault with a keychain that encrypts but cannot decrypt', async () => {
    const store = new MemoryStore()
    await expect(openVault(store, createKeychainKeyProvider(fakeKeychain({ decryptAlwaysFails: true }), { platform: 'darwin' }))).rejects.toBeInstanceOf(AppError)
    expect(store.json).toBeNull()
  })
})

describe('opening, creating and re-protecting the vault', () => {
  it('creates the vault on first open, saving the wrapped key once', async () => {
    const store = new MemoryStore()
    expect(vaultExists(store)).toBe(false)
    expect(vaultMethod(store)).toBeNull()
    await openVault(store, passphrase('pw'))
    expect(store.saves).toBe(1)
    expect(vaultExists(store)).toBe(true)
    expect(vaultMethod(store)).toBe('passphrase')
  })

  it('reopens with the right passphrase onto the same data key', async () => {
    const store = new MemoryStore()
    const first = await openVault(store, passphrase('pw'))
    const sealed = first.seal('ABCD-EFGH', 'code:7')
    const fp = first.fingerprint('ABCD-EFGH')
    const again = await openVault(store, passphrase('pw'))
    expect(again.open(sealed, 'code:7')).toBe('ABCD-EFGH')
    expect(again.fingerprint('ABCD-EFGH').equals(fp)).toBe(true)
    expect(store.saves).toBe(1)
  })

  it('refuses a wrong passphrase and leaves the stored key untouched', async () => {
    const store = new MemoryStore()
    await openVault(store, passphrase('pw'))
    const before = store.json
    await expectAppErrorAsync(openVault(store, passphrase('not pw')), 'WRONG_PASSPHRASE', WRONG_PASSPHRASE_MESSAGE)
    expect(store.json).toBe(before)
    expect(store.saves).toBe(1)
  })

  it('stores nothing secret, and wipes its copy of the data key after wrapping', async () => {
    const store = new MemoryStore()
    const spy = spyOnWrap(passphrase('pw'))
    await openVault(store, spy.provider)
    expectNoSecretIn(store.json ?? '', spy.keys[0] ?? Buffer.alloc(0))
    expect(spy.given[0]?.every((b) => b === 0)).toBe(true)
  })

  it('never replaces a damaged stored key with a new one', async () => {
    const store = new MemoryStore()
    store.json = '{"method":"passphrase","params":'
    expect(vaultExists(store)).toBe(true)
    await expectAppErrorAsync(openVault(store, passphrase('pw')), 'VAULT_CORRUPT')
    store.json = JSON.stringify({ method: 'rot13', params: {}, blob: '' })
    expectAppError(() => vaultMethod(store), 'VAULT_CORRUPT')
    await expectAppErrorAsync(openVault(store, passphrase('pw')), 'VAULT_CORRUPT')
    expect(store.saves).toBe(0)
  })

  it('joins a vault another process created meanwhile instead of overwriting it (atomic store)', async () => {
    const winnerStore = new MemoryStore()
    const winner = await openVault(winnerStore, passphrase('pw'))
    const sealed = winner.seal('ABCD', 'code:1')
    const store = new AtomicMemoryStore()
    const realLoad = store.load.bind(store)
    const realSaveIfAbsent = store.saveIfAbsent.bind(store)
    let loads = 0
    const inserts: boolean[] = []
    store.load = () => {
      if (loads++ === 0) {
        store.json = winnerStore.json // the other process saves right after our first look
        return null
      }
      return realLoad()
    }
    store.saveIfAbsent = (key) => {
      const inserted = realSaveIfAbsent(key)
      inserts.push(inserted)
      return inserted
    }
    const mine = await openVault(store, passphrase('pw'))
    expect(inserts).toEqual([false])
    expect(store.json).toBe(winnerStore.json)
    expect(mine.open(sealed, 'code:1')).toBe('ABCD')
  })

  it('joins a vault another process created meanwhile (store without atomic insert)', async () => {
    const winnerStore = new MemoryStore()
    const winner = await openVault(winnerStore, passphrase('pw'))
    const sealed = winner.seal('ABCD', 'code:1')
    const store = new MemoryStore()
    const realLoad = store.load.bind(store)
    let loads = 0
    store.load = () => {
      if (loads++ === 0) {
        store.json = winnerStore.json // appears while we are busy wrapping
        return null
      }
      return realLoad()
    }
    const mine = await openVault(store, passphrase('pw'))
    expect(store.saves).toBe(0)
    expect(mine.open(sealed, 'code:1')).toBe('ABCD')
  })

  it('changes the passphrase: B opens, A no longer does, sealed data survives', async () => {
    const store = new MemoryStore()
    const sealed = (await openVault(store, passphrase('A-pass'))).seal('ABCD', 'account:1')
    await rewrapVault(store, passphrase('A-pass'), passphrase('B-pass'))
    expect((await openVault(store, passphrase('B-pass'))).open(sealed, 'account:1')).toBe('ABCD')
    await expectAppErrorAsync(openVault(store, passphrase('A-pass')), 'WRONG_PASSPHRASE')
  })

  it('raises the scrypt cost of an existing vault by re-wrapping', async () => {
    const store = new MemoryStore()
    await openVault(store, passphrase('pw'))
    await rewrapVault(store, passphrase('pw'), passphrase('pw', { N: 2 ** 11, r: 8, p: 1 }))
    expect(store.load()?.params['N']).toBe(2 ** 11)
    await openVault(store, passphrase('pw'))
  })

  it('moves between passphrase and keychain', async () => {
    const store = new MemoryStore()
    const keychain = createKeychainKeyProvider(fakeKeychain(), { platform: 'win32' })
    const sealed = (await openVault(store, passphrase('pw'))).seal('ABCD', 'code:1')
    await rewrapVault(store, passphrase('pw'), keychain)
    expect(vaultMethod(store)).toBe('keychain')
    expect((await openVault(store, keychain)).open(sealed, 'code:1')).toBe('ABCD')
    await expectAppErrorAsync(openVault(store, passphrase('pw')), 'VAULT_LOCKED')
    await rewrapVault(store, keychain, passphrase('new pw'))
    expect((await openVault(store, passphrase('new pw'))).open(sealed, 'code:1')).toBe('ABCD')
  })

  it('changes nothing when the old passphrase is wrong, or when there is no vault', async () => {
    const store = new MemoryStore()
    await expectAppErrorAsync(rewrapVault(store, passphrase('a'), passphrase('b')), 'NOT_FOUND')
    await openVault(store, passphrase('a'))
    const before = store.json
    await expectAppErrorAsync(rewrapVault(store, passphrase('wrong'), passphrase('b')), 'WRONG_PASSPHRASE')
    expect(store.json).toBe(before)
  })

  it('refuses a re-wrap when the vault changed underneath it', async () => {
    const store = new MemoryStore()
    await openVault(store, passphrase('a'))
    const to = passphrase('b')
    const racing: KeyProvider = {
      method: to.method,
      unwrap: (w) => to.unwrap(w),
      wrap: async (k) => {
        const w = await to.wrap(k)
        store.json = JSON.stringify(await passphrase('c').wrap(k)) // another window changed it meanwhile
        return w
      }
    }
    await expectAppErrorAsync(rewrapVault(store, passphrase('a'), racing), 'CONFLICT')
    await openVault(store, passphrase('c')) // the other window's change stands
    await expectAppErrorAsync(openVault(store, passphrase('b')), 'WRONG_PASSPHRASE') // ours was not saved over it
  })

  it('works over the real VaultMetaRepo in SQLite', async () => {
    const db = openMemoryDatabase()
    const repo = new VaultMetaRepo(db)
    const spy = spyOnWrap(passphrase('pw'))
    const sealed = (await openVault(repo, spy.provider)).seal('ABCD-EFGH', 'code:1')
    const row = db.prepare('SELECT wrapped_key FROM vault_meta').get() as { wrapped_key: string }
    expectNoSecretIn(row.wrapped_key, spy.keys[0] ?? Buffer.alloc(0))
    expect((await openVault(repo, passphrase('pw'))).open(sealed, 'code:1')).toBe('ABCD-EFGH')
    await expectAppErrorAsync(openVault(repo, passphrase('nope')), 'WRONG_PASSPHRASE')
    expect((db.prepare('SELECT wrapped_key FROM vault_meta').get() as { wrapped_key: string }).wrapped_key).toBe(row.wrapped_key)
    db.close()
  })
})
