// The review's findings on backups, each as what a shop would live through: two PCs restored from one backup
// sharing a folder, a PC clock in the past, a tampered backup, a wrong clock stopping daily backups, a folder in use,
// a mistyped --data-dir, a restore cut off half-way, an unplugged USB drive, a new recovery key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppHost } from '../../src/core/app/app-host'
import { Session } from '../../src/core/app/session'
import { openBackupFile, writeBackupFile } from '../../src/core/backup/backup-file'
import { readFolderState } from '../../src/core/backup/folder-state'
import { markerPath } from '../../src/core/backup/restore-marker'
import { checkBackupSecret, restoreBackup } from '../../src/core/backup/restore'
import { DB_FILE, openDatabase } from '../../src/core/db/open'
import { IN_USE_DIR } from '../../src/core/db/folder-lock'
import { AppError } from '../../src/core/errors'
import { EventBus, type AppEvent } from '../../src/core/events'
import { createKeychainKeyProvider, type KeychainBackend } from '../../src/core/vault/keychain-provider'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import type { KeyProvider } from '../../src/core/vault/types'

const FAST = { N: 2 ** 12, r: 8, p: 1 }
const PASS = 'shop passphrase'
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  cleanup.push(() => rmSync(d, { recursive: true, force: true }))
  return d
}

const pass = (p = PASS): KeyProvider => createPassphraseKeyProvider(p, { cost: FAST })

async function open(dataDir: string, opts: { clock?: { now: Date }; events?: EventBus; provider?: KeyProvider } = {}): Promise<Session> {
  const clock = opts.clock
  const s = await Session.open({
    dataDir,
    keyProvider: opts.provider ?? pass(),
    mode: 'live',
    actor: 'tester',
    events: opts.events ?? new EventBus(),
    shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined },
    balanceEveryMs: null,
    catalogEveryMs: null,
    ...(clock ? { now: () => clock.now } : {})
  })
  cleanup.push(() => s.close())
  return s
}

async function expectError(p: Promise<unknown>, code: string, text: RegExp): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x
  )
  expect(e).toBeInstanceOf(AppError)
  expect((e as AppError).code).toBe(code)
  expect((e as AppError).message).toMatch(text)
  return e as AppError
}

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 10, d, hour))
const backupsIn = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.rdbackup')).sort()

/** An OS keychain only this "computer" opens. */
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

describe('two computers restored from one backup, backing up into one shared folder', () => {
  it('get a series each, and each prunes only the backups it wrote itself', async () => {
    const shop = await open(join(tempDir('rd-src-'), 'data'))
    const made = await shop.backups.create()
    const shared = tempDir('rd-shared-')
    const pcs: Session[] = []
    for (const name of ['pc1', 'pc2']) {
      const dir = join(tempDir(`rd-${name}-`), 'data')
      await restoreBackup({ file: made.file, dataDir: dir, secret: { passphrase: PASS }, localProvider: pass() })
      pcs.push(await open(dir, { clock: { now: day(1) } }))
    }
    const tags = pcs.map((s) => readFolderState(s.opts.dataDir)!.vaultTag)
    expect(new Set([...tags, readFolderState(shop.opts.dataDir)!.vaultTag]).size).toBe(3)
    for (const s of pcs) s.backups.setFolder(shared)

    // PC 2 made a backup on the 1st; a file of PC 1's series that PC 1 did not write (copied in by hand) sits there too.
    const pc2File = (await pcs[1]!.backups.create()).file
    const stranger = join(shared, `resellerdesk-${tags[0]}-20261101T080000-000Z.rdbackup`)
    writeFileSync(stranger, readFileSync(pc2File))
    // PC 1 backs up daily for three weeks: the rotation runs 21 times.
    const clock = { now: day(1) }
    const pc1 = await open(pcs[0]!.opts.dataDir, { clock })
    await pcs[0]!.close()
    const pruned: string[] = []
    for (let d = 1; d <= 21; d++) {
      clock.now = day(d)
      pruned.push(...(await pc1.backups.create({ reason: 'daily' })).pruned)
    }
    expect(pruned.length).toBeGreaterThan(0)
    expect(existsSync(pc2File)).toBe(true)
    expect(existsSync(stranger)).toBe(true)
    expect(pruned.every((p) => p.includes(`resellerdesk-${tags[0]}-`))).toBe(true)
    // What it remembers as its own is what is left of its series (the stranger excluded).
    const own = readFolderState(pc1.opts.dataDir)!.written.map((p) => p.split('/').pop()).sort()
    expect(own).toEqual(backupsIn(shared).filter((n) => n.includes(tags[0]!) && join(shared, n) !== stranger))
  })
})

describe('a PC clock in the past', () => {
  it('never prunes the backup just made, prunes nothing, and says to check the clock', async () => {
    const clock = { now: day(10) }
    const events = new EventBus()
    const notices: AppEvent[] = []
    events.on((e) => e.type === 'notice' && notices.push(e))
    const s = await open(join(tempDir('rd-clock-'), 'data'), { clock, events })
    for (let d = 10; d <= 22; d++) {
      clock.now = day(d)
      await s.backups.create({ reason: 'daily' })
    }
    const folder = s.backups.status().folder
    const before = backupsIn(folder)
    clock.now = day(1) // the CMOS battery died
    const made = await s.backups.create({ reason: 'daily' })
    expect(existsSync(made.file)).toBe(true)
    expect(made.pruned).toEqual([])
    expect(made.pruneSkipped).toMatch(/date and time .* are earlier than those of the newest backup.*no older backups were removed/)
    expect(backupsIn(folder)).toEqual([...before, made.file.split('/').pop()!].sort())
    expect(notices.some((n) => n.type === 'notice' && /Check the date and time/.test(n.message))).toBe(true)
  })
})

/** Rebuilds a backup file around a changed database with a correct checksum, as an attacker with the file can. */
function tamper(file: string, out: string, change: (db: Database.Database) => void): void {
  const b = openBackupFile(file)
  const tmp = mkdtempSync(join(tmpdir(), 'rd-evil-'))
  cleanup.push(() => rmSync(tmp, { recursive: true, force: true }))
  const raw = readFileSync(file)
  writeFileSync(join(tmp, 'db'), raw.subarray(b.dbOffset, b.dbOffset + b.header.dbBytes))
  const db = new Database(join(tmp, 'db'))
  change(db)
  db.close()
  const { format: _f, dbBytes: _d, ...header } = b.header
  // The HMAC key is unknown to the attacker: any 32 bytes (writeBackupFile recomputes the checksum over them).
  const fakeMac = { update: () => fakeMac, digest: () => randomBytes(32) } as unknown as import('node:crypto').Hmac
  writeBackupFile(out, header, join(tmp, 'db'), fakeMac)
}

describe('a tampered backup', () => {
  it('whose account address was changed and audit emptied, checksum recomputed, is refused as altered and changes nothing', async () => {
    const shop = await open(join(tempDir('rd-shop-'), 'data'))
    shop.storage.db.prepare("INSERT INTO accounts (id, kind, name, base_url, currency, credentials, settings, created_at) VALUES ('a1', 'digetalhube', 'Main', 'https://digetalhube.com', 'USDT', x'00', '{}', '2026-01-01')").run()
    const words = shop.backups.revealRecoveryKey()
    const made = await shop.backups.create()
    const evil = join(tempDir('rd-evil-out-'), 'evil.rdbackup')
    tamper(made.file, evil, (db) => db.exec("UPDATE accounts SET base_url = 'https://attacker.example'; DELETE FROM audit_log"))
    // The plain checksum is fine: the file looks whole before any key is asked.
    expect(openBackupFile(evil).header.counts).toEqual(openBackupFile(made.file).header.counts)
    const target = join(tempDir('rd-victim-'), 'data')
    for (const secret of [{ recoveryKey: words }, { passphrase: PASS }]) {
      await expectError(restoreBackup({ file: evil, dataDir: target, secret, localProvider: pass() }), 'BACKUP_INVALID', /was altered after it was made.*Nothing was changed/)
      await expectError(checkBackupSecret(evil, secret), 'BACKUP_INVALID', /altered/)
    }
    expect(readdirSync(join(target, '..'))).toEqual([]) // no staging folder, nothing
    // The untouched file still restores.
    await restoreBackup({ file: made.file, dataDir: target, secret: { recoveryKey: words }, localProvider: pass() })
  })
}, 60_000)

describe('the daily schedule', () => {
  it('is due after a backup dated in the future, after a --to backup elsewhere, and on a new calendar day even within 24 hours', async () => {
    const clock = { now: new Date(2026, 11, 3, 23, 0) } // local time: 23:00 on the 3rd
    const s = await open(join(tempDir('rd-due-'), 'data'), { clock })
    // A clock that ran ahead once: the backup is dated next year.
    clock.now = new Date(2027, 11, 3, 23, 0)
    await s.backups.create({ reason: 'daily' })
    clock.now = new Date(2026, 11, 3, 23, 0)
    expect(await s.backups.runIfDue()).not.toBeNull()
    expect(await s.backups.runIfDue()).toBeNull() // done for today
    // Nine hours later it is another day in the shop: due, though not 24 hours since.
    clock.now = new Date(2026, 11, 4, 8, 0)
    expect(s.backups.status().nextDueAt).toBe(clock.now.toISOString())
    // A copy made to a USB stick with --to does not count as today's backup in the backup folder.
    await s.backups.create({ to: join(tempDir('rd-usb-'), 'copy.rdbackup') })
    expect(await s.backups.runIfDue()).not.toBeNull()
    expect(s.backups.status().nextDueAt).toBe(new Date(2026, 11, 5).toISOString())
  })

  it('says a failing daily backup once a day (or when the failure changes), not every check; a missing chosen folder is never made', async () => {
    const clock = { now: new Date(2026, 11, 4, 9, 0) }
    const events = new EventBus()
    const notices: string[] = []
    events.on((e) => e.type === 'notice' && notices.push(e.message))
    const s = await open(join(tempDir('rd-warn-'), 'data'), { clock, events })
    const usb = join(tempDir('rd-mnt-'), 'USBSTICK')
    mkdirSync(usb)
    s.backups.setFolder(usb)
    rmSync(usb, { recursive: true }) // unplugged: the mount point is gone
    for (let i = 0; i < 4; i++) {
      clock.now = new Date(clock.now.getTime() + 15 * 60_000)
      expect(await s.backups.runIfDue()).toBeNull()
    }
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/backup drive or folder is not connected/)
    expect(existsSync(usb)).toBe(false) // not recreated on the local disk
    expect(s.backups.status().lastError?.message).toMatch(/not connected/)
    clock.now = new Date(2026, 11, 5, 9, 0)
    await s.backups.runIfDue()
    expect(notices).toHaveLength(2) // a new day: said again
  })
})

describe('restoring into a folder', () => {
  it('refuses while another session has it open, and treats a dead process as gone', async () => {
    const shop = await open(join(tempDir('rd-src-'), 'data'))
    const made = await shop.backups.create()
    const target = join(tempDir('rd-busy-'), 'data')
    const other = await open(target, { provider: pass('other') })
    await expectError(restoreBackup({ file: made.file, dataDir: target, secret: { passphrase: PASS }, localProvider: pass() }), 'CONFLICT', /in use by the ResellerDesk app \(process \d+/)
    expect(existsSync(join(target, DB_FILE))).toBe(true)
    await other.close()
    // A session that crashed left its file behind: its process is gone, so the folder is free.
    writeFileSync(join(target, IN_USE_DIR, 'dead.json'), JSON.stringify({ pid: 2 ** 22 + 12345, kind: 'command', since: new Date().toISOString(), refreshedAt: new Date().toISOString() }))
    const r = await restoreBackup({ file: made.file, dataDir: target, secret: { passphrase: PASS }, localProvider: pass() })
    expect(r.movedAside).not.toBeNull()
  })

  it('refuses a folder that is not ResellerDesk data (a mistyped --data-dir) and leaves it where it is', async () => {
    const shop = await open(join(tempDir('rd-src-'), 'data'))
    const made = await shop.backups.create()
    const documents = join(tempDir('rd-home-'), 'Documents')
    mkdirSync(documents)
    writeFileSync(join(documents, 'taxes.xlsx'), 'numbers')
    await expectError(restoreBackup({ file: made.file, dataDir: documents, secret: { passphrase: PASS }, localProvider: pass() }), 'VALIDATION', /holds other files and no ResellerDesk data/)
    expect(readdirSync(join(documents, '..'))).toEqual(['Documents'])
    expect(readdirSync(documents)).toEqual(['taxes.xlsx'])
  })

  it('a swap cut off after the old data moved aside is finished at the next open, and one cut off before is undone', async () => {
    const shop = await open(join(tempDir('rd-src-'), 'data'))
    shop.storage.audit.append({ at: new Date().toISOString(), actor: 't', action: 'from.backup', subjectType: 'vault', subjectId: null, detail: {} })
    const made = await shop.backups.create()
    // Crash after "old data aside", before "restored copy in place": the marker names both.
    const root = tempDir('rd-swap-')
    const dataDir = join(root, 'data')
    await restoreBackup({ file: made.file, dataDir: join(root, 'staged'), secret: { passphrase: PASS }, localProvider: pass() })
    const old = await open(dataDir)
    old.storage.audit.append({ at: new Date().toISOString(), actor: 't', action: 'old.data', subjectType: 'vault', subjectId: null, detail: {} })
    await old.close()
    const aside = join(root, 'data-before-restore-x')
    const { renameSync } = await import('node:fs')
    renameSync(dataDir, aside)
    writeFileSync(markerPath(dataDir), JSON.stringify({ dataDir, staging: join(root, 'staged'), aside, at: new Date().toISOString() }))
    const s = await open(dataDir)
    expect(s.storage.audit.list({ limit: 50 }).map((e) => e.action)).toContain('from.backup')
    expect(existsSync(markerPath(dataDir))).toBe(false)
    expect(existsSync(aside)).toBe(true) // the old data stays, aside
    await s.close()
    // Crash with both moved away and the staging copy lost: the old data comes back.
    rmSync(dataDir, { recursive: true })
    writeFileSync(markerPath(dataDir), JSON.stringify({ dataDir, staging: join(root, 'gone'), aside, at: new Date().toISOString() }))
    openDatabase(dataDir).close()
    const back = await open(dataDir)
    expect(back.storage.audit.list({ limit: 50 }).map((e) => e.action)).toContain('old.data')
  })
})

describe('opening data that cannot be opened but is not damaged', () => {
  it('says it could not be opened and why, never "damaged" (which would send the assistant to restore an old backup)', async () => {
    const dataDir = join(tempDir('rd-cant-'), 'data')
    await (await open(dataDir)).close()
    // Something SQLite cannot open that is not a damaged database (as with a file another program holds, or no permission).
    const file = join(dataDir, DB_FILE)
    const { renameSync } = await import('node:fs')
    renameSync(file, `${file}.real`)
    mkdirSync(file)
    writeFileSync(join(file, 'x'), 'x')
    const e = (() => {
      try {
        openDatabase(dataDir)
      } catch (x) {
        return x as AppError
      }
      throw new Error('expected an error')
    })()
    expect(e.code).toBe('DATA_UNAVAILABLE')
    expect(e.message).toMatch(/could not be opened \(ResellerDesk may not open the file.*It is not damaged: do not restore a backup over it/)
    expect(e.message).not.toMatch(/Restore the latest/)
  })
})

describe('a backup never replaces a file', () => {
  it('refuses a target that exists, in the core', async () => {
    const s = await open(join(tempDir('rd-ow-'), 'data'))
    const target = join(tempDir('rd-ow-usb-'), 'shop.rdbackup')
    writeFileSync(target, 'precious')
    await expectError(s.backups.create({ to: target }), 'CONFLICT', /already in .*never replaces a file/)
    expect(readFileSync(target, 'utf8')).toBe('precious')
  })
})

describe('a new recovery key', () => {
  it('opens backups made from now on; older backups still open with the old key only', async () => {
    const s = await open(join(tempDir('rd-newkey-'), 'data'))
    const oldWords = s.backups.revealRecoveryKey()
    s.backups.acknowledgeRecoveryKey()
    const oldBackup = await s.backups.create()
    const made = await s.backups.newRecoveryKey()
    expect(made.recoveryKey).not.toBe(oldWords)
    expect(made.warning).toMatch(/Backups made before now still open with the old recovery key/)
    expect(s.backups.revealRecoveryKey()).toBe(made.recoveryKey)
    expect(s.backups.status().recoveryKey.acknowledged).toBe(false) // the new one is not written down yet
    const newBackup = await s.backups.create({ to: join(tempDir('rd-newkey-usb-'), 'new.rdbackup') })
    await checkBackupSecret(newBackup.file, { recoveryKey: made.recoveryKey })
    await checkBackupSecret(oldBackup.file, { recoveryKey: oldWords })
    await expectError(checkBackupSecret(newBackup.file, { recoveryKey: oldWords }), 'WRONG_PASSPHRASE', /does not open/)
  })
})

describe('restoring in the app', () => {
  function host(liveDataDir: string, keyProvider: KeyProvider | null, file: () => string): Promise<AppHost> {
    return AppHost.start({
      liveDataDir,
      demoDataDir: join(liveDataDir, '..', 'demo'),
      keyProvider,
      shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined, chooseBackupFile: async () => file() },
      actor: 'tester',
      mode: 'live',
      appVersion: 'test'
    }).then((h) => {
      cleanup.push(() => h.stop())
      return h
    })
  }

  it("restores a keychain vault's pre-migration backup with this computer's keychain, and shows what is there now against the backup", async () => {
    const keychain = createKeychainKeyProvider(fakeKeychain(), { platform: 'linux' })
    const dataDir = join(tempDir('rd-kc-'), 'data')
    const first = await open(dataDir, { provider: keychain })
    first.storage.audit.append({ at: new Date().toISOString(), actor: 't', action: 'before.upgrade', subjectType: 'vault', subjectId: null, detail: {} })
    await first.close()
    const db = new Database(join(dataDir, DB_FILE))
    db.exec('DROP TABLE vault_recovery; DELETE FROM schema_migrations WHERE version = 7')
    db.close()
    let file = ''
    const h = await host(dataDir, keychain, () => file)
    const premig = readdirSync(join(dataDir, 'backups')).find((n) => n.endsWith('-premigration.rdbackup'))!
    file = join(dataDir, 'backups', premig)
    expect(openBackupFile(file).header.keys).toEqual({}) // only this computer's keychain opens it
    const chosen = await h.handlers['backup.chooseFile']({})
    if (chosen.status !== 'chosen') throw new Error('expected a chosen file')
    expect(chosen.opensWith).toEqual({ recoveryKey: false, passphrase: false, thisComputer: true })
    expect(chosen.current).toEqual({ codes: 0, orders: 0, accounts: 0 })
    const restored = await h.handlers['backup.restore']({ token: chosen.token, thisComputer: true })
    expect(restored.info.vault).toBe('unlocked')
    expect(h.current().storage.audit.list({ limit: 50 }).map((e) => e.action)).toContain('before.upgrade')
  })

  it('after a failed restore in passphrase mode the data is open again, not locked', async () => {
    const dataDir = join(tempDir('rd-pp-'), 'data')
    const s = await open(dataDir)
    const made = await s.backups.create({ to: join(tempDir('rd-pp-usb-'), 'b.rdbackup') })
    await s.close()
    const h = await host(dataDir, null, () => made.file)
    await h.handlers['vault.unlock']({ passphrase: PASS })
    expect(h.info().vault).toBe('unlocked')
    const chosen = await h.handlers['backup.chooseFile']({})
    if (chosen.status !== 'chosen') throw new Error('expected a chosen file')
    // A restore that fails after the session closed: an earlier restore's unfinished marker is found there.
    writeFileSync(markerPath(dataDir), JSON.stringify({ dataDir, staging: join(dataDir, '..', 'nowhere'), aside: null, at: new Date().toISOString() }))
    await expectError(h.handlers['backup.restore']({ token: chosen.token, passphrase: PASS, newPassphrase: 'a new passphrase' }), 'CONFLICT', /did not finish/)
    expect(h.info().vault).toBe('unlocked')
  })
})

describe('a backup before an update that cannot be made', () => {
  it('names the command that chooses another backup folder', async () => {
    const dataDir = join(tempDir('rd-premig-'), 'data')
    await (await open(dataDir)).close()
    const db = new Database(join(dataDir, DB_FILE))
    db.exec('DROP TABLE vault_recovery; DELETE FROM schema_migrations WHERE version = 7')
    db.close()
    const state = JSON.parse(readFileSync(join(dataDir, 'backup-state.json'), 'utf8')) as Record<string, unknown>
    writeFileSync(join(dataDir, 'backup-state.json'), JSON.stringify({ ...state, folder: join(dataDir, '..', 'unplugged') }))
    writeFileSync(join(dataDir, 'backups'), 'a file where the folder would go')
    await expectError(open(dataDir), 'FILE_WRITE_FAILED', /could not: .*backup folder DIR` \(it works without opening the data\)/)
  })
})
