// The demo empties its folder at every start, so it must only ever empty a folder it created. These tests pass it the
// folders a person might pass by mistake and check that each one is refused and left byte for byte as it was.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppHost } from '../../src/core/app/app-host'
import { openDatabase } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'
import { DEMO_MARKER_FILE, isDemoFolder, prepareDemoFolder } from '../../src/core/demo/demo-folder'
import { AppError } from '../../src/core/errors'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import { openVault } from '../../src/core/vault/vault'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rd-demo-folder-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** Every file under dir with its content: the "untouched" check. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name)] = createHash('sha256').update(readFileSync(join(e.parentPath, e.name))).digest('hex')
  }
  return out
}

function refusal(dir: string): AppError {
  try {
    prepareDemoFolder(dir)
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error(`${dir} was accepted as a demo folder`)
}

/** A live vault: a data folder with a real (non-demo) account, as `accounts add` leaves it. */
async function liveVault(dir: string): Promise<void> {
  const storage = new Storage(openDatabase(dir))
  try {
    await openVault(storage.vaultMeta, createPassphraseKeyProvider('live passphrase', { cost: { N: 2 ** 10, r: 8, p: 1 } }))
    storage.db
      .prepare(`INSERT INTO accounts (id, kind, name, base_url, currency, credentials, settings, demo, created_at) VALUES ('a1', 'digetalhube', 'Shop', 'https://x', 'USD', x'00', '{}', 0, '2026-01-01T00:00:00Z')`)
      .run()
  } finally {
    storage.close()
  }
}

describe('the demo folder', () => {
  it('creates a missing folder and marks it as demo data', () => {
    const dir = join(root, 'a', 'demo')
    prepareDemoFolder(dir)
    expect(readdirSync(dir)).toEqual([DEMO_MARKER_FILE])
    expect(readFileSync(join(dir, DEMO_MARKER_FILE), 'utf8')).toMatch(/ResellerDesk demo data/)
    expect(isDemoFolder(dir)).toBe(true)
  })

  it('takes an empty folder', () => {
    const dir = join(root, 'empty')
    mkdirSync(dir)
    prepareDemoFolder(dir)
    expect(isDemoFolder(dir)).toBe(true)
  })

  it('empties a marked folder from an earlier demo (its own entries only) and marks it again', () => {
    const dir = join(root, 'demo')
    prepareDemoFolder(dir)
    writeFileSync(join(dir, 'resellerdesk.sqlite'), 'old demo data')
    writeFileSync(join(dir, 'resellerdesk.sqlite-wal'), 'old demo data')
    writeFileSync(join(dir, 'demo-codes.csv'), 'old export')
    mkdirSync(join(dir, 'backups'))
    writeFileSync(join(dir, 'backups', 'x.rdbackup'), 'old backup')
    prepareDemoFolder(dir)
    expect(readdirSync(dir)).toEqual([DEMO_MARKER_FILE])
  })

  it('refuses a marked folder that also holds files a person put there later, and deletes nothing', () => {
    const dir = join(root, 'demo-with-mine')
    prepareDemoFolder(dir)
    writeFileSync(join(dir, 'resellerdesk.sqlite'), 'old demo data')
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'sub', 'x.csv'), 'my own export')
    writeFileSync(join(dir, 'invoices.xlsx'), 'keep me')
    expect(() => prepareDemoFolder(dir)).toThrow(/also holds 2 file\(s\) the demo did not create/)
    expect(readdirSync(dir).sort()).toEqual([DEMO_MARKER_FILE, 'invoices.xlsx', 'resellerdesk.sqlite', 'sub'].sort())
    expect(readFileSync(join(dir, 'sub', 'x.csv'), 'utf8')).toBe('my own export')
  })

  it('refuses a folder of the person’s own files, and leaves it untouched', () => {
    const dir = join(root, 'Documents')
    mkdirSync(join(dir, 'taxes'), { recursive: true })
    writeFileSync(join(dir, 'taxes', '2025.pdf'), 'precious')
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const before = snapshot(dir)
    const e = refusal(dir)
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toMatch(/not empty and is not a demo folder.*never deletes/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses a live vault passed by mistake, and leaves it untouched', async () => {
    const dir = join(root, 'live')
    await liveVault(dir)
    const before = snapshot(dir)
    const e = refusal(dir)
    expect(e.message).toMatch(/holds ResellerDesk data that is not demo data.*never uses or deletes it/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses a link (it could point at a live folder) and a file', () => {
    const target = join(root, 'target')
    mkdirSync(target)
    writeFileSync(join(target, 'keep'), 'x')
    symlinkSync(target, join(root, 'link'))
    expect(refusal(join(root, 'link')).message).toMatch(/is a link/)
    writeFileSync(join(root, 'file'), 'x')
    expect(refusal(join(root, 'file')).message).toMatch(/is a file/)
    expect(readdirSync(target)).toEqual(['keep'])
  })

  it('recognises a demo folder written before the marker existed (only demo accounts) and takes it', async () => {
    const dir = join(root, 'old-demo')
    const storage = new Storage(openDatabase(dir))
    storage.db
      .prepare(`INSERT INTO accounts (id, kind, name, base_url, currency, credentials, settings, demo, created_at) VALUES ('d1', 'digetalhube', 'Demo', 'http://127.0.0.1:1', 'USD', x'00', '{}', 1, '2026-01-01T00:00:00Z')`)
      .run()
    storage.close()
    prepareDemoFolder(dir)
    expect(readdirSync(dir)).toEqual([DEMO_MARKER_FILE])
  })
})

describe('the app’s demo mode (AppHost)', () => {
  it('refuses to start the demo in a live vault and leaves it untouched', async () => {
    const dir = join(root, 'live')
    await liveVault(dir)
    const before = snapshot(dir)
    const start = AppHost.start({
      liveDataDir: join(root, 'elsewhere'),
      demoDataDir: dir,
      keyProvider: null,
      shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined },
      actor: 'test',
      mode: 'demo',
      appVersion: '0.0.0-test'
    })
    await expect(start).rejects.toThrow(/not demo data/)
    expect(snapshot(dir)).toEqual(before)
    expect(existsSync(join(root, 'elsewhere'))).toBe(false)
  })
})
