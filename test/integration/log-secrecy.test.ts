// No code, API key or passphrase ever reaches a log. A purchase, an export and a reveal run against the DigetalHube
// simulator — in-process through the handlers with every log the app has (core events, handler calls, the engine's
// own messages), then through the compiled CLI with --verbose — and every line written is searched for each code
// delivered, the API key and the passphrase.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/core/app/dispatch'
import { Session } from '../../src/core/app/session'
import { scaledEngineOptions } from '../../src/core/orders/order-engine'
import { EventBus } from '../../src/core/events'
import { lineLogger, loggedHandlers, logAppEvents } from '../../src/core/log'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'out/cli/index.mjs')
const KEY = 'dh_secret_key_for_the_log_test_7f3a'
const PASSPHRASE = 'log secrecy passphrase 9c1e'
const SPEED = 500

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function sim(): Promise<DigetalHubeSim> {
  const s = await startDigetalHubeSim({ speed: SPEED, rateLimits: false, seed: 11, accounts: [{ apiKey: KEY, balance: '500.00' }] })
  cleanup.push(() => s.close())
  return s
}

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  cleanup.push(async () => rmSync(d, { recursive: true, force: true }))
  return d
}

/** Every secret, and every line that contains one (with what it contained). */
function leaks(lines: string[], secrets: string[]): string[] {
  return lines.flatMap((line) => secrets.filter((s) => line.includes(s)).map((s) => `${s} in: ${line}`))
}

describe('logs never hold a code, a key or a passphrase', () => {
  it('in the app: core events, handler calls and engine messages over a purchase, an export and a reveal', async () => {
    const s = await sim()
    const dataDir = tempDir('rd-logsec-')
    const exportDir = tempDir('rd-logsec-export-')
    const lines: string[] = []
    const logger = lineLogger((line) => lines.push(line))
    const events = new EventBus()
    logAppEvents(events, logger)
    const session = await Session.open({
      dataDir,
      keyProvider: createPassphraseKeyProvider(PASSPHRASE, { cost: { N: 2 ** 12, r: 8, p: 1 } }),
      mode: 'live',
      actor: 'tester',
      events,
      shell: { chooseExportPath: async (name) => join(exportDir, name), copyToClipboard: async () => undefined },
      engineOptions: scaledEngineOptions(SPEED),
      balanceEveryMs: null,
      httpTimeoutMs: 1_500,
      log: (m) => logger.warn(m)
    })
    cleanup.push(() => session.close())
    session.start()
    const handlers = loggedHandlers(session.handlers as unknown as Parameters<typeof dispatch>[0], logger)
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await dispatch(handlers, channel, input)
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
      return r.value as T
    }

    const account = await call<{ id: string }>('accounts.add', {
      name: 'DH',
      baseUrl: s.baseUrl,
      credentials: { kind: 'digetalhube', apiKey: KEY },
      settings: { pollIntervalSeconds: 0.02, firstPollDelaySeconds: 0.02, rateLimitPerMinute: 100_000 }
    })
    await call('catalog.sync', { accountId: account.id })
    const placed = await call<{ orderIds: string[] }>('orders.place', { lines: [{ accountId: account.id, productId: '123', quantity: 5 }] })
    const settled = await session.engine.whenSettled(placed.orderIds, 30_000)
    expect(settled.map((o) => o.state)).toEqual(['completed'])
    const exported = await call<{ count: number; path: string | null }>('codes.export', { filter: {} })
    expect(exported.count).toBe(5)
    const listed = await call<{ id: string }[]>('codes.list', { filter: {} })
    const revealed = await call<{ code: string }>('codes.reveal', { codeId: listed[0]!.id })
    // A failing call is logged too, with its error text.
    const wrong = await dispatch(handlers, 'codes.reveal', { codeId: 'no-such-code' })
    expect(wrong.ok).toBe(false)

    const codes = session.storage.codes.list({}).map((c) => session.vault.open(c.sealed, `code:${c.id}`))
    expect(codes).toHaveLength(5)
    expect(codes).toContain(revealed.code)
    expect(readFileSync(exported.path!, 'utf8')).toContain(codes[0]!) // the export really holds the codes

    // The log said what happened…
    expect(lines.some((l) => / info  order \S+ settled completed: 5\/5 delivered, total /.test(l))).toBe(true)
    expect(lines.some((l) => l.includes('call codes.export ok'))).toBe(true)
    expect(lines.some((l) => l.includes('call codes.reveal ok'))).toBe(true)
    expect(lines.some((l) => l.includes('call codes.reveal failed'))).toBe(true)
    // …and none of the secrets.
    expect(leaks(lines, [...codes, KEY, PASSPHRASE])).toEqual([])
  })

  it('in the CLI: --verbose writes the same kind of lines to stderr, and none holds a secret', async () => {
    const s = await sim()
    const dataDir = tempDir('rd-logsec-cli-')
    const csv = join(tempDir('rd-logsec-cli-export-'), 'codes.csv')
    const env = { ...process.env, RESELLERDESK_PASSPHRASE: PASSPHRASE, RESELLERDESK_TIME_SCALE: String(SPEED), DH_KEY: KEY }
    const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((res) => {
        const child = spawn(process.execPath, [CLI, '--verbose', '--data-dir', dataDir, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (d) => (stdout += d))
        child.stderr.on('data', (d) => (stderr += d))
        child.on('exit', (code) => res({ code, stdout, stderr }))
      })
    const steps = [
      ['accounts', 'add', '--provider', 'digetalhube', '--name', 'DH', '--base-url', s.baseUrl, '--key-env', 'DH_KEY', '--poll-every', '0.02', '--first-poll-after', '0.02', '--rate-limit', '100000'],
      ['catalog', 'sync'],
      ['buy', '--account', 'DH', '--product', '123', '--quantity', '5', '--yes'],
      ['codes', 'export', '--csv', csv]
    ]
    let stderr = ''
    for (const args of steps) {
      const r = await run(args)
      expect(r.code, `${args.join(' ')}:\n${r.stdout}\n${r.stderr}`).toBe(0)
      stderr += r.stderr
    }
    // The codes, from the export's "code" column (the simulator's codes hold no commas or quotes).
    const [header, ...rows] = readFileSync(csv, 'utf8').split(/\r?\n/).filter(Boolean).map((r) => r.split(','))
    const codeColumn = header!.indexOf('code')
    expect(codeColumn).toBeGreaterThanOrEqual(0)
    const codes = rows.map((r) => r[codeColumn]!)
    expect(codes).toHaveLength(5)
    expect(codes.every((c) => c.length >= 8)).toBe(true)
    const all = stderr.split('\n').filter(Boolean)
    // Every stderr line is a log line in the shared format, but for the one notice a new data folder gives a
    // person (not a terminal here, so it names the command that shows the recovery key, never the key itself).
    const isLogLine = (l: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (debug|info |warn |error) /.test(l)
    expect(all.filter((l) => !isLogLine(l))).toEqual([expect.stringMatching(/^A recovery key was made for this vault\. It is not printed here/)])
    const lines = all.filter(isLogLine)
    expect(lines.some((l) => / info  order \S+ settled completed: 5\/5 delivered/.test(l))).toBe(true)
    expect(leaks(all, [...codes, KEY, PASSPHRASE])).toEqual([])
  })
})
