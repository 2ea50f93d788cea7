// The recovery key a person writes down: read back despite case, spaces and look-alike letters, typos caught
// before any decryption, and one key per vault — made at set-up, or on the first unlock of an older vault.
import { describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'
import { AppError } from '../../src/core/errors'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import { dataKeyFromRecoveryKey, openVaultWithRecovery, revealRecoveryKey } from '../../src/core/vault/recovery'
import { createRecoveryKey, formatRecoveryKey, parseRecoveryKey } from '../../src/core/vault/recovery-key'
import { openVault, unlockDataKey } from '../../src/core/vault/vault'

const provider = (pw = 'shop passphrase') => createPassphraseKeyProvider(pw, { cost: { N: 2 ** 10, r: 8, p: 1 } })

function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected an error')
}

describe('the recovery key in words', () => {
  it('is 9 groups of 4 Crockford symbols and reads back however it was typed', () => {
    const key = createRecoveryKey()
    const words = formatRecoveryKey(key)
    expect(words).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(parseRecoveryKey(words).equals(key)).toBe(true)
    expect(parseRecoveryKey(`  ${words.toLowerCase().replace(/-/g, ' ')}\n`).equals(key)).toBe(true)
    // Handwriting: O for 0, I or L for 1.
    const lookalikes = words.replace(/0/g, 'O').replace(/1/g, 'l')
    expect(parseRecoveryKey(lookalikes).equals(key)).toBe(true)
  })

  it('catches a mistyped symbol in any position as a typo, not as a wrong key', () => {
    const words = formatRecoveryKey(createRecoveryKey())
    let caught = 0
    const positions = [...words].map((c, i) => [c, i] as const).filter(([c]) => c !== '-')
    for (const [c, i] of positions) {
      const other = c === 'X' ? 'Y' : 'X'
      const typo = words.slice(0, i) + other + words.slice(i + 1)
      const e = errorOf(() => parseRecoveryKey(typo))
      expect(e.code).toBe('VALIDATION')
      if (/typo/.test(e.message)) caught++
    }
    expect(caught).toBe(positions.length)
    expect(errorOf(() => parseRecoveryKey('my passphrase')).message).toMatch(/36 letters and digits in 9 groups of 4/)
  })
})

describe('every vault gets one recovery key', () => {
  it('is made when the vault is created, shown once, and re-shown only to whoever unlocks the vault', async () => {
    const storage = new Storage(openMemoryDatabase())
    const first = await openVaultWithRecovery(storage.vaultMeta, storage.vaultRecovery, provider())
    expect(first.newRecoveryKey).toMatch(/^[0-9A-Z-]{44}$/)
    const again = await openVaultWithRecovery(storage.vaultMeta, storage.vaultRecovery, provider())
    expect(again.newRecoveryKey).toBeNull()
    expect(revealRecoveryKey(again.vault, storage.vaultRecovery)).toBe(first.newRecoveryKey)
    // It opens the same data key the passphrase opens.
    const viaPassphrase = await unlockDataKey(storage.vaultMeta, provider())
    const viaRecovery = dataKeyFromRecoveryKey(storage.vaultRecovery.load()!.wrapping, first.newRecoveryKey!)
    expect(viaRecovery.equals(viaPassphrase)).toBe(true)
    // The wrong passphrase still opens nothing, and the stored row holds no recovery key in the clear.
    await expect(openVaultWithRecovery(storage.vaultMeta, storage.vaultRecovery, provider('wrong'))).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    const row = storage.db.prepare('SELECT * FROM vault_recovery').get() as Record<string, unknown>
    expect(JSON.stringify(row)).not.toContain(first.newRecoveryKey!.replace(/-/g, ''))
    expect(Buffer.from(row['sealed_key'] as Buffer).includes(Buffer.from(first.newRecoveryKey!))).toBe(false)
  })

  it('an older vault without one gets one on its next unlock, and the caller is told', async () => {
    const storage = new Storage(openMemoryDatabase())
    const vault = await openVault(storage.vaultMeta, provider()) // as before recovery keys existed
    const sealed = vault.seal('CODE-1234', 'code:1')
    expect(storage.vaultRecovery.load()).toBeNull()
    const opened = await openVaultWithRecovery(storage.vaultMeta, storage.vaultRecovery, provider())
    expect(opened.newRecoveryKey).not.toBeNull()
    expect(opened.vault.open(sealed, 'code:1')).toBe('CODE-1234')
  })

  it('a recovery key of another vault is refused in words', async () => {
    const a = new Storage(openMemoryDatabase())
    const b = new Storage(openMemoryDatabase())
    await openVaultWithRecovery(a.vaultMeta, a.vaultRecovery, provider())
    const keyB = (await openVaultWithRecovery(b.vaultMeta, b.vaultRecovery, provider())).newRecoveryKey!
    const e = errorOf(() => dataKeyFromRecoveryKey(a.vaultRecovery.load()!.wrapping, keyB))
    expect(e.code).toBe('WRONG_PASSPHRASE')
    expect(e.message).toBe('That recovery key does not open this vault. It belongs to another data folder, or a group was mistyped; nothing was changed.')
  })
})
