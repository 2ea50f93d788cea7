// The promise behind the order engine, tested the hard way: a real CLI process buying 50 codes is killed with
// SIGKILL at random moments and restarted, 20 times over, against a simulator that also drops replies after
// committing orders. Whatever the timing, every code the simulator issued must end up in the vault exactly once,
// and no more codes may be sold than were asked for.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { Session } from '../../src/core/app/session'
import { EventBus } from '../../src/core/events'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'src/cli/index.ts')
const PASSPHRASE = 'crash-test passphrase'
const API_KEY = 'dh_crash_test_key'
const RUNS = Number(process.env.CRASH_RUNS ?? 20)
const WANTED = 50
const SPEED = 1000

function seededRandom(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

interface Run {
  child: ChildProcess
  exited: Promise<number | null>
}

function cli(dataDir: string, args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, RESELLERDESK_PASSPHRASE: PASSPHRASE, RESELLERDESK_TIME_SCALE: String(SPEED), DH_KEY: API_KEY },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
  void exited.then((code) => {
    if (code !== null && code > 1) console.error(`CLI ${args.join(' ')} exited ${code}:\n${output}`)
  })
  return { child, exited }
}

async function runToEnd(dataDir: string, args: string[]): Promise<number | null> {
  return cli(dataDir, args).exited
}

/** Start, then SIGKILL after `ms` unless it finished first. Returns whether it was killed. */
async function runAndKill(dataDir: string, args: string[], ms: number): Promise<boolean> {
  const r = cli(dataDir, args)
  const timer = new Promise<'kill'>((res) => setTimeout(() => res('kill'), ms))
  const winner = await Promise.race([r.exited.then(() => 'done' as const), timer])
  if (winner === 'kill') {
    r.child.kill('SIGKILL')
    await r.exited
    return true
  }
  return false
}

async function vaultContents(dataDir: string): Promise<{ codes: string[]; states: string[] }> {
  const session = await Session.open({
    dataDir,
    keyProvider: createPassphraseKeyProvider(PASSPHRASE),
    mode: 'live',
    actor: 'test',
    events: new EventBus(),
    shell: { chooseExportPath: async () => null },
    balanceEveryMs: null
  })
  try {
    const codes = session.storage.codes.list({}).map((c) => session.vault.open(c.sealed, `code:${c.id}`))
    const states = session.storage.orders.list({ limit: 10_000 }).map((o) => o.state)
    return { codes, states }
  } finally {
    await session.close()
  }
}

describe('crash safety: a purchase killed at random points', () => {
  let sim: DigetalHubeSim
  const dirs: string[] = []

  beforeAll(async () => {
    sim = await startDigetalHubeSim({
      speed: SPEED,
      rateLimits: false,
      seed: 42,
      accounts: [{ apiKey: API_KEY, balance: '100000.00' }]
    })
    // Replies lost after the order was committed, and garbled ones: the cases that tempt a blind re-send.
    sim.faults.setRandom('create_order', 'drop_after_commit', 0.15)
    sim.faults.setRandom('create_order', 'http500', 0.05)
    sim.faults.setRandom('my_orders', 'http503', 0.05)
  })

  afterAll(async () => {
    await sim?.close()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it(`keeps every issued code exactly once over ${RUNS} killed-and-restarted purchases`, { timeout: 20 * 60_000 }, async () => {
    const random = seededRandom(20261123)
    let totalIssued = 0
    let totalKills = 0
    for (let run = 0; run < RUNS; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'rd-crash-'))
      dirs.push(dataDir)
      const key = `${API_KEY}` // one upstream account; each run uses its own product id window of the sim's orders
      const before = sim.issuedCodes(key).length
      const added = await runToEnd(dataDir, [
        'accounts', 'add', '--provider', 'digetalhube', '--name', 'DH', '--base-url', sim.baseUrl, '--key-env', 'DH_KEY',
        '--poll-every', '0.02', '--first-poll-after', '0.05', '--rate-limit', '100000'
      ])
      expect(added).toBe(0)

      // Kill the buyer (and then the resumer) at random moments, a few times, then let it finish.
      const kills = 1 + Math.floor(random() * 3)
      let placed = false
      for (let k = 0; k < kills; k++) {
        const args = placed ? ['orders', 'wait'] : ['buy', '--account', 'DH', '--product', '123', '--quantity', String(WANTED), '--yes']
        if (await runAndKill(dataDir, args, 350 + Math.floor(random() * 1200))) totalKills++
        placed = placed || (await vaultContents(dataDir)).states.length > 0
      }
      const final = await runToEnd(dataDir, placed ? ['orders', 'wait'] : ['buy', '--account', 'DH', '--product', '123', '--quantity', String(WANTED), '--yes'])
      expect([0, 1]).toContain(final)

      const issued = sim.issuedCodes(key).slice(before)
      const { codes, states } = await vaultContents(dataDir)
      totalIssued += issued.length
      // Every code the supplier issued is in the vault, exactly once, and nothing else is.
      expect(new Set(codes).size).toBe(codes.length)
      expect([...codes].sort()).toEqual([...issued].sort())
      // Never more sold than asked for.
      expect(issued.length).toBeLessThanOrEqual(WANTED)
      // Nothing left half-done: every order is settled, or waits for a person.
      expect(states.every((s) => ['completed', 'needs_review', 'failed'].includes(s))).toBe(true)
      if (states.every((s) => s === 'completed')) expect(codes.length).toBe(WANTED)
    }
    console.log(`crash test: ${RUNS} runs, ${totalKills} kills, ${totalIssued} codes issued and all kept exactly once`)
    expect(totalKills).toBeGreaterThan(0)
  })
})
