// When things break: a backup killed half-way (a real SIGKILL of the CLI), a database truncated or garbled, a
// database missing from a folder that held a vault, and the backup taken before a schema migration.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync, ftruncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppHost } from '../../src/core/app/app-host'
import { openBackupFile, TEMP_PREFIX } from '../../src/core/backup/backup-file'
import { restoreBackup } from '../../src/core/backup/restore'
import { DB_FILE, openDatabase } from '../../src/core/db/open'
import { AppError } from '../../src/core/errors'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import { openSession, PASSPHRASE } from './helpers'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = join(ROOT, 'src/cli/index.ts')
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  cleanup.push(() => rmSync(d, { recursive: true, force: true }))
  return d
}

/** A data folder with a vault, some bulk (so a backup takes a while) and one good backup. */
async function folderWithBackup(bulkRows = 0): Promise<{ dataDir: string; backup: string }> {
  const dataDir = join(tempDir('rd-dmg-'), 'data')
  const s = await openSession(dataDir)
  if (bulkRows > 0) {
    const insert = s.storage.db.prepare("INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES (?, 'bulk', 'bulk', 'vault', NULL, ?)")
    s.storage.transaction(() => {
      for (let i = 0; i < bulkRows; i++) insert.run(new Date().toISOString(), JSON.stringify({ pad: randomBytes(200).toString('base64') }))
    })
  }
  const made = await s.backups.create()
  await s.close()
  return { dataDir, backup: made.file }
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected an error')
}

describe('a backup killed half-way', () => {
  it('leaves the previous backups intact and no half file under a backup name (real SIGKILL of `backup create`)', async () => {
    const { dataDir, backup } = await folderWithBackup(150_000) // ≈ 60 MB: packaging takes long enough to be caught
    const folder = dirname(backup)
    const good = readFileSync(backup)
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, 'backup', 'create'], {
      cwd: ROOT,
      env: { ...process.env, RESELLERDESK_PASSPHRASE: PASSPHRASE },
      stdio: 'ignore'
    })
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)))
    // Kill at a known state: the moment the half-written backup file appears (not after a timer).
    const killedAt = await new Promise<string>((res) => {
      const w = watch(folder, (_event, name) => {
        if (name && name.startsWith(TEMP_PREFIX) && name.endsWith('.partial') && existsSync(join(folder, name))) {
          child.kill('SIGKILL')
          w.close()
          res(name)
        }
      })
    })
    expect(await exited).toBe('SIGKILL')
    const left = readdirSync(folder)
    // Proof it died mid-write: its temp file is still there (a finished backup renames it away).
    expect(left).toContain(killedAt)
    const backups = left.filter((n) => n.endsWith('.rdbackup'))
    expect(backups).toEqual([backup.split('/').pop()])
    expect(readFileSync(backup).equals(good)).toBe(true)
    expect(openBackupFile(backup).header.counts.codes).toBe(0)

    // The next backup works, and the data folder still opens.
    const s = await openSession(dataDir)
    cleanup.push(() => s.close())
    const next = await s.backups.create()
    expect(openBackupFile(next.file).header.dbBytes).toBeGreaterThan(50_000_000)
  }, 120_000)
})

describe('a damaged database', () => {
  it('a truncated database gives a clear message naming the latest backup, changes nothing, and makes no new vault', async () => {
    const { dataDir, backup } = await folderWithBackup(5_000)
    const file = join(dataDir, DB_FILE)
    const fd = openSync(file, 'r+')
    ftruncateSync(fd, Math.floor(statSync(file).size / 3))
    closeSync(fd)
    const bytes = readFileSync(file)
    const e = errorOf(() => openDatabase(dataDir))
    expect(e.code).toBe('DATA_DAMAGED')
    expect(e.message).toContain(`Restore the latest backup, ${backup}`)
    expect(e.message).toMatch(/Nothing was changed and no new vault was made/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
    await expect(openSession(dataDir)).rejects.toMatchObject({ code: 'DATA_DAMAGED' })
  })

  it('a garbled file that is not a database says so', async () => {
    const { dataDir, backup } = await folderWithBackup()
    rmSync(join(dataDir, `${DB_FILE}-wal`), { force: true })
    rmSync(join(dataDir, `${DB_FILE}-shm`), { force: true })
    writeFileSync(join(dataDir, DB_FILE), randomBytes(64 * 1024))
    const e = errorOf(() => openDatabase(dataDir))
    expect(e.message).toMatch(/is not a database \(it was overwritten or garbled\)/)
    expect(e.message).toContain(backup)
  })

  it('a database missing from a folder that held a vault is reported, never replaced by a new empty vault', async () => {
    const { dataDir, backup } = await folderWithBackup()
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(join(dataDir, f), { force: true })
    const e = errorOf(() => openDatabase(dataDir))
    expect(e.message).toMatch(/database file is missing or empty, although this folder held a vault/)
    expect(e.message).toContain(backup)
    expect(existsSync(join(dataDir, DB_FILE))).toBe(false)
  })

  it('the app starts on a "damaged" state with the way out instead of failing, a demo, or a new vault', async () => {
    const { dataDir, backup } = await folderWithBackup()
    writeFileSync(join(dataDir, DB_FILE), randomBytes(64 * 1024))
    rmSync(join(dataDir, `${DB_FILE}-wal`), { force: true })
    const root = tempDir('rd-app-')
    const host = await AppHost.start({
      liveDataDir: dataDir,
      demoDataDir: join(root, 'demo'),
      keyProvider: createPassphraseKeyProvider(PASSPHRASE, { cost: { N: 2 ** 12, r: 8, p: 1 } }),
      shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined, chooseBackupFile: async () => backup },
      actor: 'tester',
      mode: 'auto',
      appVersion: 'test'
    })
    cleanup.push(() => host.stop())
    const info = host.info()
    expect(info).toMatchObject({ mode: 'live', vault: 'damaged' })
    expect(info.problem).toContain(backup)
    expect(existsSync(join(root, 'demo'))).toBe(false)

    // The way out, from the same screen: restore the latest backup; the damaged data is kept aside.
    const chosen = await host.handlers['backup.chooseFile']({})
    if (chosen.status !== 'chosen') throw new Error('expected a chosen file')
    const restored = await host.handlers['backup.restore']({ token: chosen.token, passphrase: PASSPHRASE })
    expect(restored.info.vault).toBe('unlocked')
    expect(readdirSync(restored.movedAside!)).toContain(DB_FILE)
  })
})

describe('before a migration', () => {
  it('a database on an older schema is backed up before it is migrated, and the backup restores that older data', async () => {
    const dataDir = join(tempDir('rd-mig-'), 'data')
    const s = await openSession(dataDir)
    const mark = (action: string) => s.storage.audit.append({ at: new Date().toISOString(), actor: 'tester', action, subjectType: 'vault', subjectId: null, detail: {} })
    mark('before.upgrade')
    await s.close()
    // Roll the file back to schema 5 (as an older ResellerDesk left it).
    const db = new Database(join(dataDir, DB_FILE))
    // Every migration after 5 undone, whatever later sessions add (a backup records the newest applied version).
    db.exec(`
      DROP TABLE vault_recovery; DROP TABLE account_leases; DROP TABLE exports;
      ALTER TABLE orders DROP COLUMN pre_create; ALTER TABLE orders DROP COLUMN review_candidates;
      ALTER TABLE orders DROP COLUMN upstream_created_at;
      DELETE FROM schema_migrations WHERE version > 5`)
    db.close()
    // Opening alone does not migrate (the backup needs the vault's key); the session unlocks, backs up, migrates.
    const upgraded = await openSession(dataDir)
    upgraded.storage.audit.append({ at: new Date().toISOString(), actor: 'tester', action: 'after.upgrade', subjectType: 'vault', subjectId: null, detail: {} })
    await upgraded.close()
    const backups = readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('-premigration.rdbackup'))
    expect(backups).toHaveLength(1)
    const file = join(dataDir, 'backups', backups[0]!)
    const header = openBackupFile(file).header
    expect(header).toMatchObject({ reason: 'pre-migration', schemaVersion: 5 })
    expect(header.keys.passphrase?.method).toBe('passphrase')
    // Opening it again migrates nothing, so no second backup.
    await (await openSession(dataDir)).close()
    expect(readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('-premigration.rdbackup'))).toHaveLength(1)

    // The way back from the upgrade: restore that backup, and find the data as it was before it.
    const back = join(tempDir('rd-mig-back-'), 'data')
    await restoreBackup({ file, dataDir: back, secret: { passphrase: PASSPHRASE }, localProvider: createPassphraseKeyProvider(PASSPHRASE, { cost: { N: 2 ** 12, r: 8, p: 1 } }) })
    const restored = await openSession(back)
    cleanup.push(() => restored.close())
    const actions = restored.storage.audit.list({ limit: 100 }).map((e) => e.action)
    expect(actions).toContain('before.upgrade')
    expect(actions).not.toContain('after.upgrade')
  })
})
