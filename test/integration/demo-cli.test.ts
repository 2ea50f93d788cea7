// `demo` from the command line, as a person would run it: it must never remove a folder it did not create. The
// folders it is pointed at by mistake (or that sit next to the live data) are checked file by file afterwards.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Session } from '../../src/core/app/session'
import { DEMO_MARKER_FILE } from '../../src/core/demo/demo-folder'
import { EventBus } from '../../src/core/events'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'src/cli/index.ts')

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    // No inherited RESELLERDESK_* settings: the test decides every folder the CLI may see.
    env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  return new Promise((res) => child.on('exit', (code) => res({ code, out })))
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name)] = createHash('sha256').update(readFileSync(join(e.parentPath, e.name))).digest('hex')
  }
  return out
}

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rd-demo-cli-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('demo on the command line deletes nothing it did not create', () => {
  it('refuses --data-dir pointing at a folder of the person’s files (exit 2) and leaves it untouched', async () => {
    const dir = join(root, 'Documents')
    mkdirSync(dir)
    writeFileSync(join(dir, 'invoice.pdf'), 'precious')
    const before = snapshot(dir)
    const r = await run(['--data-dir', dir, 'demo', '--quantity', '1'], { HOME: root, XDG_CONFIG_HOME: join(root, 'cfg-a') })
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/is not empty and is not a demo folder/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses --data-dir pointing at a live vault (exit 2) and leaves it untouched', { timeout: 60_000 }, async () => {
    const dir = join(root, 'shop')
    const s = await Session.open({
      dataDir: dir,
      keyProvider: createPassphraseKeyProvider('live passphrase', { cost: { N: 2 ** 10, r: 8, p: 1 } }),
      mode: 'live',
      actor: 'test',
      events: new EventBus(),
      shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined },
      balanceEveryMs: null
    })
    await s.close()
    const before = snapshot(dir)
    const r = await run(['--data-dir', dir, 'demo', '--quantity', '1'], { HOME: root, XDG_CONFIG_HOME: join(root, 'cfg-b') })
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/holds ResellerDesk data that is not demo data/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('with RESELLERDESK_DATA_DIR=X/shop, runs in its own marked folder, never X/demo, and reuses it next time', { timeout: 180_000 }, async () => {
    const x = join(root, 'x')
    mkdirSync(join(x, 'demo'), { recursive: true })
    writeFileSync(join(x, 'demo', 'my-demo-notes.txt'), 'a folder of the person’s that happens to be called demo')
    const before = snapshot(join(x, 'demo'))
    const env = { HOME: root, XDG_CONFIG_HOME: join(root, 'cfg-c'), RESELLERDESK_DATA_DIR: join(x, 'shop') }
    const demoDir = join(root, 'cfg-c', 'ResellerDesk', 'cli-demo')

    const first = await run(['demo', '--quantity', '1'], env)
    expect(first.code, first.out).toBe(0)
    expect(first.out).toContain(demoDir)
    expect(existsSync(join(demoDir, DEMO_MARKER_FILE))).toBe(true)
    expect(existsSync(join(demoDir, 'demo-codes.csv'))).toBe(true)

    // The second run starts afresh in the marked folder it created the first time.
    const second = await run(['demo', '--quantity', '1'], env)
    expect(second.code, second.out).toBe(0)
    expect(existsSync(join(demoDir, DEMO_MARKER_FILE))).toBe(true)
    expect(existsSync(join(demoDir, 'demo-codes.csv'))).toBe(true)

    // A file the demo did not write, put in its folder: the next run refuses (exit 2) and leaves it there.
    writeFileSync(join(demoDir, 'left-over.txt'), 'a note the person saved here')
    const third = await run(['demo', '--quantity', '1'], env)
    expect(third.code, third.out).toBe(2)
    expect(third.out).toContain('left-over.txt')
    expect(readFileSync(join(demoDir, 'left-over.txt'), 'utf8')).toBe('a note the person saved here')

    expect(snapshot(join(x, 'demo'))).toEqual(before)
    expect(existsSync(join(x, 'shop'))).toBe(false)
  })
})
