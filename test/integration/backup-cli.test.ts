// The CLI a shop uses on its second computer: the recovery key printed once when a data folder is created (on
// stderr, so scripts reading stdout are not disturbed), `recovery-key show`, `backup create`, and `backup restore`
// with the recovery key from the environment — and plain exit codes when it goes wrong.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = join(ROOT, 'src/cli/index.ts')
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function cli(dataDir: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      env: { ...process.env, RESELLERDESK_RECOVERY_KEY: '', RESELLERDESK_BACKUP_PASSPHRASE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => res({ code, stdout, stderr }))
  })
}

const KEY_RE = /(?:[0-9A-Z]{4}-){8}[0-9A-Z]{4}/

describe('backups from the command line', () => {
  it('prints the recovery key once for a new folder, backs up, and restores elsewhere with it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rd-cli-bk-'))
    dirs.push(root)
    const shop = join(root, 'shop')
    const first = await cli(shop, ['--json', 'accounts', 'list'], { RESELLERDESK_PASSPHRASE: 'shop passphrase' })
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toEqual([]) // stdout stays machine-readable
    // stderr is a pipe here (as from cron or CI, where it lands in a log): the key is not printed, the way to see it is.
    expect(first.stderr).not.toMatch(KEY_RE)
    expect(first.stderr).toMatch(/run `resellerdesk recovery-key show` in a terminal/)
    const second = await cli(shop, ['accounts', 'list'], { RESELLERDESK_PASSPHRASE: 'shop passphrase' })
    expect(second.stderr).not.toMatch(/recovery key was made/) // once only
    const shown = await cli(shop, ['recovery-key', 'show'], { RESELLERDESK_PASSPHRASE: 'shop passphrase' })
    const words = KEY_RE.exec(shown.stdout)?.[0]
    expect(shown.stdout.trim()).toBe(words)

    const made = await cli(shop, ['--json', 'backup', 'create', '--to', join(root, 'usb', 'shop.rdbackup')], { RESELLERDESK_PASSPHRASE: 'shop passphrase' })
    expect(made.code, made.stderr).toBe(1) // the folder of --to must exist: said in words, nothing written
    expect(JSON.parse(made.stdout).error.message).toMatch(/could not be made|could not be written/)
    const auto = await cli(shop, ['--json', 'backup', 'create'], { RESELLERDESK_PASSPHRASE: 'shop passphrase' })
    expect(auto.code, auto.stderr).toBe(0)
    const file = (JSON.parse(auto.stdout) as { file: string }).file
    expect(dirname(file)).toBe(join(shop, 'backups'))

    const other = join(root, 'other-pc')
    const wrong = await cli(other, ['backup', 'restore', file], { RESELLERDESK_PASSPHRASE: 'new pass', RESELLERDESK_RECOVERY_KEY: words!.replace(/^..../, '0000') })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/typo|does not open/)
    expect(existsSync(other)).toBe(false) // nothing made

    const restored = await cli(other, ['backup', 'restore', file], { RESELLERDESK_PASSPHRASE: 'new pass', RESELLERDESK_RECOVERY_KEY: words! })
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toMatch(/Restored the backup of .* into .*other-pc/)
    const opened = await cli(other, ['recovery-key', 'show'], { RESELLERDESK_PASSPHRASE: 'new pass' })
    expect(opened.stdout.trim()).toBe(words)
    expect(readdirSync(root).sort()).toEqual(['other-pc', 'shop'])
  }, 90_000)
})

describe('backups from the command line, when things are not simple', () => {
  it('shows what a restore would hide and asks; names a missing key file; `show --json` is not "written down"; folder without the database', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rd-cli-bk2-'))
    dirs.push(root)
    const shop = join(root, 'shop')
    const env = { RESELLERDESK_PASSPHRASE: 'shop passphrase' }
    const made = await cli(shop, ['--json', 'backup', 'create'], env)
    expect(made.code, made.stderr).toBe(0)
    const file = (JSON.parse(made.stdout) as { file: string }).file

    // Printing the key is not writing it down; only the person's word is.
    const shown = await cli(shop, ['--json', 'recovery-key', 'show'], env)
    const words = (JSON.parse(shown.stdout) as { recoveryKey: string }).recoveryKey
    const status = async () => (JSON.parse((await cli(shop, ['--json', 'backup', 'status'], env)).stdout) as { recoveryKey: { acknowledged: boolean } }).recoveryKey
    expect((await status()).acknowledged).toBe(false)
    expect((await cli(shop, ['recovery-key', 'written-down'], env)).code).toBe(0)
    expect((await status()).acknowledged).toBe(true)

    // A missing key file is named, not "something went wrong".
    const noFile = await cli(join(root, 'elsewhere'), ['backup', 'restore', file, '--recovery-key-file', join(root, 'key.txt')], { RESELLERDESK_PASSPHRASE: 'x pass' })
    expect(noFile.code).toBe(2)
    expect(noFile.stderr).toContain(`The recovery key file ${join(root, 'key.txt')} could not be read`)

    // Restoring over data that is there: the counts side by side, and no restore without --yes when nobody can answer.
    const over = await cli(shop, ['backup', 'restore', file], { ...env, RESELLERDESK_RECOVERY_KEY: words })
    expect(over.code).toBe(2)
    expect(over.stderr).toMatch(/Now in .*shop: 0 code\(s\), 0 order\(s\), 0 account\(s\)\.\nIn the backup of .*: 0 code\(s\)/)
    expect(over.stderr).toMatch(/add --yes to restore/)
    expect(readdirSync(root).filter((n) => n.startsWith('shop-before-restore'))).toEqual([])

    // `backup folder` works when the database cannot be opened (the way out of a failed backup before an update).
    writeFileSync(join(shop, 'resellerdesk.sqlite'), 'garbled')
    const usb = join(root, 'usb')
    mkdirSync(usb)
    const folder = await cli(shop, ['backup', 'folder', usb], {})
    expect(folder.code, folder.stderr).toBe(0)
    expect(folder.stdout).toContain(`Automatic backups now go to ${usb}`)
    expect(JSON.parse(readFileSync(join(shop, 'backup-state.json'), 'utf8')).folder).toBe(usb)
  }, 90_000)
})
