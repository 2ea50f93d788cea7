// A shop's data survives a lost PC: back up a data folder holding codes from a real purchase, restore it into a
// fresh folder under a different key provider, and find every code, API key, order and audit entry again.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Session } from '../../src/core/app/session'
import { restoreBackup } from '../../src/core/backup/restore'
import { scaledEngineOptions } from '../../src/core/orders/order-engine'
import { AppError } from '../../src/core/errors'
import { EventBus } from '../../src/core/events'
import { createKeychainKeyProvider, type KeychainBackend } from '../../src/core/vault/keychain-provider'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import type { KeyProvider } from '../../src/core/vault/types'
import { buy, KEY, SPEED, world, type World } from './helpers'

const FAST = { N: 2 ** 12, r: 8, p: 1 }
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  cleanup.push(() => rmSync(d, { recursive: true, force: true }))
  return d
}

/** An OS keychain that only this "computer" can open (like DPAPI/Keychain: bound to a machine secret). */
function fakeKeychain(): KeychainBackend {
  const machine = randomBytes(32)
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString(s) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', machine, iv)
      const body = Buffer.concat([c.update(s, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    decryptString(b) {
      const d = createDecipheriv('aes-256-gcm', machine, b.subarray(0, 12))
      d.setAuthTag(b.subarray(12, 28))
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8')
    }
  }
}

async function open(dataDir: string, keyProvider: KeyProvider): Promise<Session> {
  const s = await Session.open({
    dataDir,
    keyProvider,
    mode: 'live',
    actor: 'tester',
    events: new EventBus(),
    shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined },
    engineOptions: scaledEngineOptions(SPEED),
    balanceEveryMs: null,
    catalogEveryMs: null
  })
  cleanup.push(() => s.close())
  return s
}

/** Everything a shop would miss, decrypted: codes, API keys, orders with their history, the audit log. */
function picture(s: Session) {
  const codes = s.storage.codes.list({}).map((c) => ({ id: c.id, orderId: c.orderId, state: c.state, code: s.vault.open(c.sealed, `code:${c.id}`) }))
  const accounts = s.accounts.list().map((a) => ({ id: a.id, name: a.name, credentials: JSON.parse(s.vault.open(a.sealedCredentials, `account:${a.id}`)) as unknown }))
  const orders = s.storage.orders.list({}).map((o) => ({ ...o, events: s.storage.orders.events(o.id) }))
  const audit = s.storage.audit.list({ limit: 5000 }).filter((e) => !String(e.action).startsWith('backup.'))
  return { codes, accounts, orders, audit }
}

/** Every file under a folder with its hash: "nothing changed on disk" made checkable. */
function diskState(...dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string): void => {
    if (!existsSync(d)) return
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out[p] = createHash('sha256').update(readFileSync(p)).digest('hex')
    }
  }
  dirs.forEach(walk)
  return out
}

async function expectError(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const e = await p.then(
    () => null,
    (x: unknown) => x
  )
  expect(e).toBeInstanceOf(AppError)
  expect((e as AppError).code).toBe(code)
  expect((e as AppError).message).toMatch(text)
}

let w: World | null = null
afterEach(async () => {
  await w?.close()
  w = null
})

describe('backup and restore on another computer', () => {
  it('restores every code, API key, order and audit entry of a passphrase vault into a new folder with another passphrase, via the recovery key', async () => {
    w = await world()
    const { orders } = await buy(w, '123', 15)
    expect(orders.every((o) => o.state === 'completed')).toBe(true)
    w.session.codes.reveal(w.session.storage.codes.list({})[0]!.id) // an audit entry to carry over
    const words = w.session.backups.revealRecoveryKey()
    const before = picture(w.session)
    expect(before.codes).toHaveLength(15)
    expect(before.codes.map((c) => c.code).sort()).toEqual(w.sim.issuedCodes(KEY).sort())

    const made = await w.session.backups.create()
    // Never a plain code or key inside the file.
    const raw = readFileSync(made.file)
    for (const c of before.codes) expect(raw.includes(Buffer.from(c.code))).toBe(false)
    expect(raw.includes(Buffer.from(KEY))).toBe(false)
    expect(raw.includes(Buffer.from(words))).toBe(false)

    const elsewhere = join(tempDir('rd-other-pc-'), 'data')
    const restored = await restoreBackup({ file: made.file, dataDir: elsewhere, secret: { recoveryKey: words.toLowerCase().replace(/-/g, ' ') }, localProvider: createPassphraseKeyProvider('a new passphrase', { cost: FAST }) })
    expect(restored.movedAside).toBeNull()
    expect(restored.header.counts).toEqual({ codes: 15, orders: before.orders.length, accounts: 1 })

    const s = await open(elsewhere, createPassphraseKeyProvider('a new passphrase', { cost: FAST }))
    expect(picture(s)).toEqual(before)
    // The same recovery key still opens it: the one the person wrote down stays valid after a restore.
    expect(s.backups.revealRecoveryKey()).toBe(words)
    // The old passphrase does not open the restored folder: it is protected by the local provider only.
    await s.close()
    await expectError(open(elsewhere, createPassphraseKeyProvider('integration test passphrase', { cost: FAST })), 'WRONG_PASSPHRASE', /passphrase/)
  })

  it('moves a keychain vault to a passphrase on another computer with the recovery key, and moves the data that was there aside', async () => {
    w = await world()
    await buy(w, '123', 4)
    const src = join(tempDir('rd-keychain-pc-'), 'data')
    // A keychain vault holding the same codes: restore the passphrase backup onto "PC 1" under its keychain first.
    const fromWorld = await w.session.backups.create()
    const words = w.session.backups.revealRecoveryKey()
    const keychain = createKeychainKeyProvider(fakeKeychain(), { platform: 'linux' })
    await restoreBackup({ file: fromWorld.file, dataDir: src, secret: { passphrase: 'integration test passphrase' }, localProvider: keychain })
    const pc1 = await open(src, keychain)
    const before = picture(pc1)
    expect(before.codes).toHaveLength(4)
    const made = await pc1.backups.create({ to: join(tempDir('rd-usb-'), 'shop.rdbackup') })
    // A keychain wrapping is useless elsewhere: the backup carries only the recovery wrapping.
    const head = readFileSync(made.file).subarray(0, 4096).toString('latin1')
    expect(head).toContain('"recovery"')
    expect(head).not.toContain('"keychain"')

    // PC 2 already has some data of its own in that folder: it is moved aside, never overwritten.
    const pc2 = join(tempDir('rd-pc2-'), 'data')
    const other = await open(pc2, createPassphraseKeyProvider('pc2 pass', { cost: FAST }))
    await other.close()
    const r = await restoreBackup({ file: made.file, dataDir: pc2, secret: { recoveryKey: words }, localProvider: createPassphraseKeyProvider('pc2 pass', { cost: FAST }) })
    expect(r.movedAside).toMatch(/data-before-restore-\d{8}T\d{6}$/)
    expect(existsSync(join(r.movedAside!, 'resellerdesk.sqlite'))).toBe(true)
    const s = await open(pc2, createPassphraseKeyProvider('pc2 pass', { cost: FAST }))
    expect(picture(s)).toEqual(before)
    // A passphrase cannot open a keychain vault's backup, and says what will.
    // (into another folder: pc2 is open in `s`, and a restore never moves a folder in use)
    await expectError(restoreBackup({ file: made.file, dataDir: join(tempDir('rd-pc3-'), 'data'), secret: { passphrase: 'pc2 pass' }, localProvider: keychain }), 'UNSUPPORTED', /recovery key/)
  })

  it('a wrong recovery key, a wrong passphrase, a foreign file and a damaged backup each give a clear message and change nothing on disk', async () => {
    w = await world()
    await buy(w, '123', 3)
    const made = await w.session.backups.create()
    const target = join(tempDir('rd-target-'), 'data')
    const existing = await open(target, createPassphraseKeyProvider('target pass', { cost: FAST }))
    await existing.close()
    const files = tempDir('rd-files-')
    const foreign = join(files, 'holiday.rdbackup')
    writeFileSync(foreign, randomBytes(50_000))
    const damaged = join(files, 'damaged.rdbackup')
    const bytes = readFileSync(made.file)
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01
    writeFileSync(damaged, bytes)
    const truncated = join(files, 'truncated.rdbackup')
    writeFileSync(truncated, readFileSync(made.file).subarray(0, 100_000))

    const parent = join(target, '..')
    const words = w.session.backups.revealRecoveryKey()
    const before = diskState(parent, files, join(w.dataDir, 'backups'))
    const local = createPassphraseKeyProvider('target pass', { cost: FAST })
    const wrongKey = words.slice(0, -9) + (words.slice(-9, -5) === 'AAAA' ? 'BBBB' : 'AAAA') + words.slice(-5)
    await expectError(restoreBackup({ file: made.file, dataDir: target, secret: { recoveryKey: wrongKey }, localProvider: local }), 'VALIDATION', /typo/)
    const otherVaultsKey = (await open(join(tempDir('rd-x-'), 'd'), createPassphraseKeyProvider('x', { cost: FAST }))).newRecoveryKey!
    await expectError(restoreBackup({ file: made.file, dataDir: target, secret: { recoveryKey: otherVaultsKey }, localProvider: local }), 'WRONG_PASSPHRASE', /does not open this vault.*nothing was changed/)
    await expectError(restoreBackup({ file: made.file, dataDir: target, secret: { passphrase: 'not it' }, localProvider: local }), 'WRONG_PASSPHRASE', /does not open this backup.*Nothing was changed/)
    await expectError(restoreBackup({ file: foreign, dataDir: target, secret: { recoveryKey: words }, localProvider: local }), 'BACKUP_INVALID', /holiday\.rdbackup is not a ResellerDesk backup/)
    await expectError(restoreBackup({ file: damaged, dataDir: target, secret: { recoveryKey: words }, localProvider: local }), 'BACKUP_INVALID', /damaged.*Nothing was changed/)
    await expectError(restoreBackup({ file: truncated, dataDir: target, secret: { recoveryKey: words }, localProvider: local }), 'BACKUP_INVALID', /damaged/)
    expect(diskState(parent, files, join(w.dataDir, 'backups'))).toEqual(before)
  })
})
